from django.shortcuts import redirect, render

from results.search import search


def search_page(request):
    """Everything whose name matches, best first; straight to the one result that is certain."""
    text = request.GET.get("q", "")[:200]
    results, certain = search(text)
    if certain is not None and "all" not in request.GET:
        return redirect(certain.url)
    return render(request, "results/search.html", {"q": text, "results": results})
