import pytest

from portal.models import FundPage


@pytest.mark.django_db
def test_fund_total_is_computed_from_donations_and_grants(client, site_tree):
    fund = site_tree["fund"]["ja"]
    assert "total" not in {field.name for field in FundPage._meta.get_fields()}
    assert fund.total == 34_654_564 + 15_140_000 == 49_794_564
    html = client.get(fund.url).content.decode()
    assert 'data-figure="total">49,794,564<' in html
    assert 'data-figure="people">1,645<' in html
    assert "983" in html and "57" in html

    fund.grants_amount = 20_000_000
    fund.save_revision().publish()
    html = client.get(fund.url).content.decode()
    assert 'data-figure="total">54,654,564<' in html


# A new Page looks up its content type, a database read (cached only once a test has made it).
@pytest.mark.django_db
def test_fund_shares_for_the_chart():
    fund = FundPage(donations_amount=75, grants_amount=25)
    assert (fund.donations_share, fund.grants_share) == (75.0, 25.0)
    assert FundPage(donations_amount=0, grants_amount=0).donations_share == 0.0
