"""Portal's home and つながる pillar list the sub-network pages that this app supplies."""

import pytest
from django.contrib.auth.models import AnonymousUser
from wagtail.models import Locale

from members.models import SubNetwork
from portal.subnetwork_pages import subnetwork_pages


@pytest.mark.django_db
@pytest.mark.parametrize("language_code", ["ja", "en"])
def test_subnetwork_pages_of_one_language_in_the_networks_order(rf, site_tree, language_code):
    request = rf.get("/")
    request.user = AnonymousUser()
    listed = subnetwork_pages(
        locale=Locale.objects.get(language_code=language_code), request=request
    )
    expected = [
        site_tree[f"projects/{slug}"][language_code].pk
        for slug in SubNetwork.objects.order_by("sort_order").values_list("slug", flat=True)
        if f"projects/{slug}" in site_tree
    ]
    assert len(expected) == 6
    assert [page.pk for page in listed] == expected


@pytest.mark.django_db
def test_an_unpublished_subnetwork_page_leaves_home_and_pillar(client, site_tree):
    women = site_tree["projects/women"]["en"]
    trainees = site_tree["projects/trainees"]["en"]
    women.refresh_from_db()  # the seed's in-memory copy predates its publication
    women.unpublish()
    for page in [site_tree["home"]["en"], site_tree["networking"]["en"]]:
        html = client.get(page.url).content.decode()
        assert trainees.url in html
        assert women.url not in html
