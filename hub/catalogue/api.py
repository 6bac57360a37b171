"""``GET /api/catalogue?q=&category=&sector=``: the public catalogue as JSON, no contact details."""

from __future__ import annotations

from flask import jsonify, request

from hub.auth.access import public
from hub.catalogue.blueprint import catalogue
from hub.web import current_hub
from shared.catalogue.listing import category_name, hit_json, read_query
from shared.i18n import translate

API_PAGE = 100  # participants one answer carries (``page=2`` for the next hundred)


@catalogue.get("/api/catalogue")
@public
def catalogue_api():
    shown = current_hub().evening.catalogue
    query = read_query(request.args, shown.category_codes(), strict=True)
    hits = shown.found(query.q, query.category, query.sector)
    start = (query.page - 1) * API_PAGE
    return jsonify(
        {
            "query": {"q": query.q, "category": query.category, "sector": query.sector},
            "total": len(hits),
            "page": query.page,
            "pages": max(1, -(-len(hits) // API_PAGE)),
            "participants": [hit_json(hit) for hit in hits.hits(start, start + API_PAGE)],
            "categories": [
                {"code": c.code, "name_nb": _named(c, "nb"), "name_en": _named(c, "en")}
                for c in shown.categories()
            ],
        }
    )


def _named(category, lang: str) -> str:
    return category_name(category, lang, lambda code: translate(f"category.{code}", lang))
