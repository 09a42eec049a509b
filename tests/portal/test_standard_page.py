from io import BytesIO

import pytest
from django.core.files import File
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.rich_text import RichText

from portal.models import StandardPage
from tests.builders import publish


def png() -> ImageFile:
    buffer = BytesIO()
    PILImage.new("RGB", (40, 30), (11, 110, 79)).save(buffer, "PNG")
    return ImageFile(buffer, name="photo.png")


@pytest.mark.django_db
def test_standard_page_renders_every_body_block(client, home_pages):
    image = Image.objects.create(title="photo title", file=png())
    document = Document.objects.create(
        title="Annual report", file=File(BytesIO(b"%PDF-1.4"), name="r.pdf")
    )
    page = publish(
        home_pages["en"],
        StandardPage(
            title="How to join",
            slug="join",
            intro="Groups and individuals",
            body=[
                ("heading", "Group members"),
                ("paragraph", RichText("<p>Organisations <b>join</b> the network.</p>")),
                (
                    "image",
                    {"image": image, "alt_text": "Members at the forum", "decorative": False},
                ),
                ("quote", {"quote": "No one left out.", "attribution": "SMJ"}),
                ("document", {"document": document, "title": ""}),
                (
                    "call_to_action",
                    {"text": "Ask us", "page": home_pages["en"], "url": "", "button_label": "Home"},
                ),
            ],
        ),
    )
    html = client.get(page.url).content.decode()
    assert "<h2>Group members</h2>" in html
    assert "<b>join</b>" in html
    assert 'alt="Members at the forum"' in html
    assert "<blockquote" in html and "No one left out." in html
    assert f'href="{document.url}">Annual report</a>' in html
    assert 'class="button" href="/en/">Home</a>' in html
    text = page.search_text()
    assert "Organisations join the network." in text and "No one left out." in text
    assert "<" not in text
