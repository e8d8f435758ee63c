"""StreamField blocks of meeting pages: minutes as speaker/statement entries (as published minutes
are laid out, e.g. seed 004: ○小澤生活支援担当課長 …) and the meeting's documents."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class StatementBlock(blocks.StructBlock):
    speaker_role = blocks.CharBlock(label=_("Speaker's position"), max_length=120, required=False,
                                    help_text=_("e.g. 生活支援担当課長, 座長, 構成員"))
    speaker_name = blocks.CharBlock(label=_("Speaker's name"), max_length=60, required=False,
                                    help_text=_("Family name as in the minutes, e.g. 小澤"))
    text = blocks.TextBlock(label=_("Statement"))

    class Meta:
        label = _("Statement")
        icon = "openquote"
        template = "network/blocks/statement.html"


class MinutesBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Agenda item"), max_length=200,
                               template="network/blocks/minutes_heading.html",
                               help_text=_("e.g. 議題（１）区市町村におけるひきこもり相談窓口一覧について"))
    statement = StatementBlock()
    note = blocks.CharBlock(label=pgettext_lazy("minutes", "Note"), max_length=200,
                            template="network/blocks/minutes_note.html",
                            help_text=_("e.g. （午後１時３０分 開会）"))

    class Meta:
        label = _("Minutes")


class MeetingDocumentBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"), max_length=120, required=False,
                             help_text=_("e.g. 資料１, 参考資料"))
    document = DocumentChooserBlock(label=_("Document"))

    class Meta:
        label = _("Document")
        icon = "doc-full"
