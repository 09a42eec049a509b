from wagtail.snippets.models import register_snippet

from .viewsets import DirectoryViewSetGroup, VocabularyViewSetGroup

register_snippet(DirectoryViewSetGroup)
register_snippet(VocabularyViewSetGroup)
