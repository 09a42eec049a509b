"""The editors' report of missing and outdated translations, per locale and sub-network."""

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from wagtail.models import Locale

from portal.models import StandardPage
from portal.translations import (
    CURRENT,
    MISSING,
    OUTDATED,
    subnetwork_roots,
    translation_report,
)
from tests.builders import publish


def statuses(rows, title):
    row = next(row for row in rows if row.source.title == title)
    return dict(row.statuses)


@pytest.mark.django_db
def test_report_lists_missing_and_outdated_translations_per_locale(site_tree):
    rows = translation_report()
    covid = statuses(rows, "コロナ禍で困ったときのQ&A")
    assert covid["tl"] == OUTDATED  # the seed leaves it behind its source
    assert covid["vi"] == "current" and covid["en"] == "current"
    assert covid["ne"] == MISSING and covid["ko"] == MISSING
    about = site_tree["about"]["ja"]
    assert statuses(rows, about.title)["vi"] == MISSING


@pytest.mark.django_db
def test_report_narrows_to_a_sub_network_subtree(site_tree):
    trainees = site_tree["projects/trainees"]["ja"]
    assert trainees.pk in {root.pk for root in subnetwork_roots()}
    rows = translation_report(subtree=trainees)
    assert rows and all(row.source.path.startswith(trainees.path) for row in rows)
    assert "コロナ禍で困ったときのQ&A" not in {row.source.title for row in rows}


@pytest.mark.django_db
def test_report_page_is_for_editors_and_filters_by_subtree(client, site_tree):
    url = "/admin/reports/translations/"
    assert client.get(url).status_code == 302  # to the log-in page
    client.force_login(User.objects.create_superuser("editor", password="pw-123456789"))
    html = client.get(url).content.decode()
    assert 'data-testid="translation-report"' in html
    covid = site_tree["qa/covid-19-trouble"]["ja"]
    assert f'data-page="{covid.pk}"' in html
    assert 'data-language="tl" data-status="outdated"' in html
    trainees = site_tree["projects/trainees"]["ja"]
    narrowed = client.get(url, {"subtree": trainees.pk}).content.decode()
    assert f'data-page="{covid.pk}"' not in narrowed
    assert f'data-page="{trainees.pk}"' in narrowed


@pytest.mark.django_db
def test_report_follows_a_source_edit_and_each_translation_catching_up(home_pages):
    source = publish(home_pages["ja"], StandardPage(title="在留資格の相談", slug="visa"))
    copies = {}
    for code, _name in settings.LANGUAGES:
        if code != settings.LANGUAGE_CODE:
            copies[code] = source.copy_for_translation(Locale.objects.get(language_code=code))
            copies[code].save_revision().publish()
    # Translated into every language after the source: nothing to do, so not listed.
    assert source.pk not in {row.source.pk for row in translation_report()}

    source.title = "在留資格の相談（改訂）"
    source.save_revision().publish()
    assert set(statuses(translation_report(), source.title).values()) == {OUTDATED}

    copies["vi"].save_revision().publish()  # the Vietnamese translation is synced
    copies["ko"].refresh_from_db()
    copies["ko"].unpublish()
    after = statuses(translation_report(), source.title)
    assert after["vi"] == CURRENT and after["ko"] == MISSING and after["tl"] == OUTDATED
