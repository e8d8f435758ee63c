"""Generate national-scale synthetic data for the public-page benchmark.

    DATABASE_URL=sqlite:///var/bench.sqlite3 .venv/bin/python bench/generate_national.py
    (defaults: 1,741 municipalities, 20,000 organisations, 20,000 pages; --scale 0.1 for a quick run)

Without DATABASE_URL it writes var/bench.sqlite3, never the demo database. It migrates, runs
bootstrap_tokyo and load_demo (the real 62 and the demo content), then adds synthetic
municipalities (valid codes outside Tokyo) with their pages, organisations, windows and standard
pages in bulk, indexes them for search, and prints row counts and seconds per step."""

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402

from cms.bootstrap import bootstrap_tokyo  # noqa: E402
from cms.demo import load_demo  # noqa: E402
from cms.models import HomePage, MunicipalityPage, StandardPage  # noqa: E402
from network.models import ConsultationMethod, ConsultationWindow, Organisation, SupportType  # noqa: E402
from tenants.codes import check_digit  # noqa: E402
from tenants.models import Municipality  # noqa: E402

WORDS = ["家族会", "居場所", "フリースペース", "訪問", "就労体験", "ピア相談", "オンライン", "相談会",
         "学習支援", "若者", "親の会", "農業体験", "カフェ", "講演会", "ボランティア"]
BATCH = 1000


def step(label):
    def wrap(fn):
        def run(*args, **kwargs):
            started = time.perf_counter()
            count = fn(*args, **kwargs)
            print(f"{label:<38}{count:>8} rows {time.perf_counter() - started:>8.1f} s", flush=True)
            return count
        return run
    return wrap


def synthetic_codes(count, taken):
    codes = []
    for prefecture in range(1, 48):
        if prefecture == 13:
            continue
        for number in range(100, 1000):
            first_five = f"{prefecture:02d}{number:03d}"
            code = first_five + str(check_digit(first_five))
            if code not in taken:
                codes.append(code)
            if len(codes) == count:
                return codes
    return codes


def bulk_child_pages(parent, model, specs):
    """Insert many children of one parent without treebeard's per-node queries (MTI: the Page
    rows first, then the subclass rows pointing at them)."""
    content_type = ContentType.objects.get_for_model(model)
    locale = Locale.get_default()
    start = parent.numchild
    pages = []
    for offset, fields in enumerate(specs, start=1):
        path = Page._get_path(parent.path, parent.depth + 1, start + offset)
        pages.append(Page(path=path, depth=parent.depth + 1, numchild=0, live=True,
                          content_type=content_type, locale=locale, draft_title=fields["title"],
                          url_path=f"{parent.url_path}{fields['slug']}/", title=fields["title"],
                          slug=fields["slug"]))
    created = Page.objects.bulk_create(pages, batch_size=BATCH)
    if not created or created[0].pk is None:  # backends that do not return ids
        created = list(Page.objects.filter(path__in=[p.path for p in pages]).order_by("path"))
    extra = [{k: v for k, v in fields.items() if k not in {"title", "slug"}} for fields in specs]
    for page, fields in zip(created, extra, strict=True):
        child = model(page_ptr_id=page.pk, **fields)
        child.__dict__.update({f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields})
        child.save_base(raw=True)
    Page.objects.filter(pk=parent.pk).update(numchild=start + len(specs))
    parent.numchild = start + len(specs)
    return [page.pk for page in created]


@step("synthetic municipalities + pages")
def add_municipalities(total):
    existing = Municipality.objects.count()
    home = HomePage.objects.get()
    codes = synthetic_codes(total - existing, set(Municipality.objects.values_list("code", flat=True)))
    municipalities = Municipality.objects.bulk_create([
        Municipality(code=code, name=f"合成市{i:04d}", name_kana=f"ごうせいし{i:04d}",
                     name_en=f"Synthetic {i:04d}", slug=f"synthetic-{i:04d}", kind="city", area="多摩")
        for i, code in enumerate(codes)], batch_size=BATCH)
    municipalities = list(Municipality.objects.filter(code__in=codes).order_by("code"))
    page_ids = bulk_child_pages(home, MunicipalityPage, [
        {"title": m.name, "slug": m.slug, "intro": f"{m.name}のひきこもり支援のご案内です。"} for m in municipalities])
    for municipality, page_id in zip(municipalities, page_ids, strict=True):
        municipality.root_page_id = page_id
    Municipality.objects.bulk_update(municipalities, ["root_page"], batch_size=BATCH)
    return len(municipalities)


@step("organisations (with support types)")
def add_organisations(count, rng):
    municipalities = list(Municipality.objects.values_list("pk", flat=True))
    types = list(SupportType.objects.all())
    organisations = Organisation.objects.bulk_create([
        Organisation(name=f"{rng.choice(WORDS)}の会{i:05d}", name_kana=f"ごうせいだんたい{i:05d}",
                     kind=rng.choice(Organisation.Kind.values), base_municipality_id=rng.choice(municipalities),
                     for_person=rng.random() < .6, for_family=rng.random() < .5,
                     description=f"{rng.choice(WORDS)}と{rng.choice(WORDS)}をしています。", live=True)
        for i in range(count)], batch_size=BATCH)
    through = Organisation.support_types.through
    through.objects.bulk_create([through(organisation_id=o.pk, supporttype_id=t.pk)
                                 for o in organisations for t in rng.sample(types, 2)], batch_size=BATCH)
    served = Organisation.municipalities_served.through
    served.objects.bulk_create([served(organisation_id=o.pk, municipality_id=o.base_municipality_id)
                                for o in organisations], batch_size=BATCH)
    return len(organisations)


@step("consultation windows (2 per municipality)")
def add_windows(rng):
    methods = list(ConsultationMethod.objects.all())
    windows = ConsultationWindow.objects.bulk_create([
        ConsultationWindow(municipality=m, name=f"{m.name} {label}", target="年齢制限なし", live=True)
        for m in Municipality.objects.filter(consultation_windows=None)
        for label in ("ひきこもり相談窓口", "若者相談窓口")], batch_size=BATCH)
    through = ConsultationWindow.methods.through
    through.objects.bulk_create([through(consultationwindow_id=w.pk, consultationmethod_id=m.pk)
                                 for w in windows for m in rng.sample(methods, 3)], batch_size=BATCH)
    return len(windows)


@step("standard pages under municipalities")
def add_pages(count, rng):
    parents = list(MunicipalityPage.objects.order_by("path"))
    per_parent, remainder = divmod(count, len(parents))
    created = 0
    for position, parent in enumerate(parents):
        n = per_parent + (1 if position < remainder else 0)
        if n == 0:
            break
        bulk_child_pages(parent, StandardPage, [
            {"title": f"{rng.choice(WORDS)}のご案内{created + i:05d}", "slug": f"guide-{created + i:05d}",
             "intro": f"{rng.choice(WORDS)}について{rng.choice(WORDS)}の情報をお知らせします。"}
            for i in range(n)])
        created += n
    return created


@step("search index (pages + organisations)")
def index_all():
    backend = get_search_backend()
    total = 0
    for model in (StandardPage, MunicipalityPage, Organisation):
        objects = list(model.objects.all().prefetch_related(*(["support_types"] if model is Organisation else [])))
        for start in range(0, len(objects), BATCH):
            backend.add_bulk(model, objects[start:start + BATCH])
        total += len(objects)
    return total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--municipalities", type=int, default=1741)
    parser.add_argument("--organisations", type=int, default=20000)
    parser.add_argument("--pages", type=int, default=20000)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the organisation and page counts")
    args = parser.parse_args()
    rng = random.Random(20261121)
    print(f"database: {os.environ['DATABASE_URL'].split('@')[-1]}")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    bootstrap_tokyo()
    load_demo()
    if Municipality.objects.count() >= args.municipalities:
        print("synthetic data already present; delete the database to regenerate")
        return
    with transaction.atomic():
        add_municipalities(args.municipalities)
        add_organisations(int(args.organisations * args.scale), rng)
        add_windows(rng)
        add_pages(int(args.pages * args.scale), rng)
    index_all()
    print(f"{'total':<38}{'':>8}      {time.perf_counter() - started:>8.1f} s")
    print(f"municipalities {Municipality.objects.count()}, organisations {Organisation.objects.count()}, "
          f"pages {Page.objects.count()}, windows {ConsultationWindow.objects.count()}")


if __name__ == "__main__":
    main()
