#!/usr/bin/env python3
"""Writes the query list of the search benchmark (bench/search-mix.lua) from the site's own words.

The 200 queries a resident is most likely to type, in order: the starting site's texts (the content of recipes/saferbcp.recipe.json,
written from the partnership's annual report) are split into words, common English words are dropped, and two-word
phrases ("domestic abuse", "knife crime", "safe places") and single words are ranked by how often the site uses them
(a phrase counts three times: people type the phrases the site is about). Lines "q<TAB>query", most likely first,
then "w<TAB>word" for every distinct word of the site, which the wrk script draws at random for 10% of requests.

    bench/search-queries.py [recipes/saferbcp.recipe.json] > bench/out/search-queries.txt
"""
import collections, json, re, sys

STOP = set("""a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here hers him his
how i if in into is it its itself just me more most my no nor not now of off on once only or other our ours out over own
same she should so some such than that the their theirs them then there these they this those through to too under until
up very was we were what when where which while who whom why will with would you your yours yourself can't don't won't
may might must us also get got go goes going one two three four five six seven eight nine ten make made use used many
much every across within without via per etc like need needs want wants way ways s t find help page pages read see""".split())

def texts(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("contentItemId", "contentType", "path", "slug", "id", "name", "url", "href", "value"):
                continue
            yield from texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from texts(value)
    elif isinstance(node, str) and " " in node:
        yield node

recipe = json.load(open(sys.argv[1] if len(sys.argv) > 1 else "recipes/saferbcp.recipe.json", encoding="utf-8"))
unigrams, bigrams, vocabulary = collections.Counter(), collections.Counter(), set()
site = [step for step in recipe["steps"] if step.get("name") == "content"]   # what residents read, not settings or data
for text in texts(site):
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)            # Markdown links: keep the words
    for sentence in re.split(r"[.!?:;,()\n\u2013\u2014\"]+", text.lower()):
        words = re.findall(r"[a-z][a-z'\-]*[a-z]", sentence)
        vocabulary.update(w for w in words if len(w) >= 3)
        for i, word in enumerate(words):
            if word in STOP or len(word) < 3:
                continue
            unigrams[word] += 1
            if i + 1 < len(words) and words[i + 1] not in STOP and len(words[i + 1]) >= 3:
                bigrams[word + " " + words[i + 1]] += 1

ranked = sorted([(3 * n, q) for q, n in bigrams.items() if n >= 2] + [(n, q) for q, n in unigrams.items()], key=lambda x: (-x[0], x[1]))
for _, query in ranked[:200]:
    print(f"q\t{query}")
for word in sorted(vocabulary):
    print(f"w\t{word}")
