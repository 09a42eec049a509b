from django.http import Http404


def directory(request):
    raise Http404


def group_detail(request, slug):
    raise Http404


def person_detail(request, pk):
    raise Http404
