"""Move private files from their old locations into the private storage (docs/deployment.md,
"Storage"). Safe to run again: the second run moves nothing."""

from django.core.management.base import BaseCommand

from tenants.private_files import move_private_files


class Command(BaseCommand):
    help = "Move private files and members-only documents from public locations into the private storage."

    def handle(self, *args, **options):
        counts = move_private_files()
        self.stdout.write(f"非公開ファイルを非公開ストレージへ移動しました: {counts['files']} 件"
                          f" / private files moved: {counts['files']}")
        self.stdout.write(f"構成員限定の文書を非公開ストレージへ移動しました: {counts['documents']} 件"
                          f" / members-only documents moved: {counts['documents']}")
        if counts["missing"]:
            self.stdout.write(self.style.WARNING(
                f"どこにも見つからないファイル: {counts['missing']} 件（ログを確認してください）"
                f" / files found nowhere: {counts['missing']} (see the log)"))
