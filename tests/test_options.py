"""One option vocabulary: every public signature against the glossary of nkresearch.analysis.core.options."""

from __future__ import annotations

import inspect
import warnings

import pandas as pd
import pytest
from conftest import toy_tokens

import nkresearch as nk
from nkresearch.analysis.core.options import GLOSSARY

PUBLIC = [getattr(nk, n) for n in nk.__all__ if inspect.isfunction(getattr(nk, n))]
#: words an earlier release used for options the glossary now names
OLD_NAMES = {"node", "terms", "parts", "series", "x"}


def _params(func: object) -> dict[str, inspect.Parameter]:
    return dict(inspect.signature(func).parameters)  # type: ignore[arg-type]


#: (function, option) wherever a public function has a glossary option with one default everywhere
DEFAULTED = [
    (func, name)
    for func in PUBLIC
    for name, param in _params(func).items()
    if name in GLOSSARY and GLOSSARY[name][1] is not None and param.default is not inspect.Parameter.empty
]


@pytest.mark.parametrize(("func", "name"), DEFAULTED, ids=lambda x: getattr(x, "__name__", x))
def test_shared_options_have_the_glossary_default(func: object, name: str) -> None:
    assert _params(func)[name].default == GLOSSARY[name][1], f"{func.__name__}({name}=...)"  # type: ignore[attr-defined]


@pytest.mark.parametrize("func", PUBLIC, ids=lambda f: f.__name__)
def test_no_public_signature_uses_an_old_name(func: object) -> None:
    assert not OLD_NAMES & set(_params(func)), func.__name__  # type: ignore[attr-defined]


def test_what_to_look_for_is_pattern_and_min_freq_has_one_default_everywhere() -> None:
    looks = {f.__name__ for f in PUBLIC if "pattern" in _params(f)}
    assert {"kwic", "collocates", "dispersion", "plot_dispersion", "kwic_explorer"} <= looks
    with_min = [f for f in PUBLIC if "min_freq" in _params(f)]
    assert len(with_min) >= 4 and {_params(f)["min_freq"].default for f in with_min} == {1}
    # every function whose rows are terms can leave stopwords out (a summary's rows are groups)
    counted = [f.__name__ for f in PUBLIC if "min_freq" in _params(f) and not f.__name__.endswith("_summary")]
    for name in counted:
        assert "drop_stop" in _params(getattr(nk, name)), name


def test_every_option_two_public_functions_share_is_in_the_glossary() -> None:
    """One word, one meaning: a keyword option of two public functions is defined once, in the glossary."""
    users: dict[str, list[str]] = {}
    for func in PUBLIC:
        for name, param in _params(func).items():
            if param.kind is inspect.Parameter.KEYWORD_ONLY:
                users.setdefault(name, []).append(func.__name__)  # type: ignore[attr-defined]
    shared = {name: funcs for name, funcs in users.items() if len(funcs) > 1}
    missing = {name: funcs for name, funcs in shared.items() if name not in GLOSSARY}
    assert not missing, f"shared options the glossary lacks: {missing}"
    assert {"level", "alpha", "per", "time", "measure", "out"} <= set(shared)


def test_the_glossary_is_the_package_docstring() -> None:
    for name in GLOSSARY:
        assert f"``{name}``" in (nk.__doc__ or "")


def test_by_takes_a_list_of_columns(tokens: pd.DataFrame) -> None:
    tok = tokens
    freq = nk.term_frequencies(tok, by=["actor", "kind"])
    assert list(freq.columns[:3]) == ["actor", "kind", "term"]
    baku = freq[(freq["actor"] == "Baku") & (freq["kind"] == "quote")]
    alone = nk.term_frequencies(tok[tok["kind"] == "quote"], by="actor")
    alone = alone[alone["actor"] == "Baku"]
    assert baku[["term", "n", "N"]].values.tolist() == alone[["term", "n", "N"]].values.tolist()
    key = nk.keyness(tok, by=["actor", "kind"], target=("Baku", "quote"), min_freq=3)
    assert key.attrs["target"] == ("Baku", "quote") and len(key) > 0
    for table in (
        nk.ngrams(tok, by=["actor", "kind"]),
        nk.collocations(tok, by=["actor", "kind"], min_freq=2),
        nk.collocates(tok, "negotiat*", by=["actor", "kind"]),
        nk.lexicon_counts(tok, nk.read_lexicon("naming"), by=["actor", "kind"]),
        nk.lexical_diversity(tok, by=["actor", "kind"], mattr_window=5),
    ):
        assert list(table.columns[:2]) == ["actor", "kind"]


@pytest.mark.parametrize(
    ("call_old", "call_new"),
    [
        (lambda t: nk.collocates(t, node="negotiat*"), lambda t: nk.collocates(t, pattern="negotiat*")),
        (lambda t: nk.dispersion(t, terms=["peace"], parts="actor"),
         lambda t: nk.dispersion(t, ["peace"], by="actor")),
        (lambda t: nk.kwic(t, "peace", by="kind"), lambda t: nk.kwic(t, "peace", show="kind")),
        (lambda t: nk.lexical_diversity(t, window=50), lambda t: nk.lexical_diversity(t, mattr_window=50)),
    ],
)  # fmt: skip
def test_old_names_still_work_with_a_deprecation_warning(
    tokens: pd.DataFrame, call_old: object, call_new: object
) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        old = call_old(tokens)  # type: ignore[operator]
    assert caught and {w.category for w in caught} == {DeprecationWarning}
    pd.testing.assert_frame_equal(pd.DataFrame(old), pd.DataFrame(call_new(tokens)))  # type: ignore[operator]


def test_drop_stop_is_the_filter_the_notebooks_used_to_write(tokens: pd.DataFrame) -> None:
    pairs = [
        (nk.keyness(tokens, target="Baku", min_freq=3),
         nk.keyness(tokens, target="Baku", min_freq=3, drop_stop=True)),
        (nk.collocates(tokens, "negotiat*"), nk.collocates(tokens, "negotiat*", drop_stop=True)),
        (nk.term_frequencies(tokens), nk.term_frequencies(tokens, drop_stop=True)),
    ]  # fmt: skip
    for full, dropped in pairs:
        kept = full[~full["is_stop"]] if "is_stop" in full else full[~full["term"].isin(nk.read_stopwords())]
        key = "collocate" if "collocate" in full else "term"
        assert kept[key].tolist() == dropped[key].tolist()
    assert nk.keyness(tokens, target="Baku", drop_stop=True).attrs["terms_tested"] == len(
        nk.keyness(tokens, target="Baku")
    )
    grams = nk.ngrams(tokens, drop_stop=True)
    stop = nk.read_stopwords()
    assert len(grams) and not any(set(g.split()) & stop for g in grams["ngram"])


def test_one_pattern_model_everywhere(tokens: pd.DataFrame) -> None:
    phrase = "peaceful settlement"
    lines = nk.kwic(tokens, phrase)
    table = nk.dispersion(tokens, [phrase, "peaceful"]).set_index("term")
    assert int(table.loc[phrase, "f"]) == len(lines) > 0
    assert int(table.loc["peaceful", "f"]) >= len(lines)
    col = nk.collocates(tokens, phrase, window=1, by="kind")
    assert int(col["f_node"].groupby(col["kind"]).first().sum()) == len(lines)
    # the window is counted from the phrase's ends: one word before it, one after
    toy = nk.collocates(toy_tokens({"A": ["a b peaceful settlement c d."]}), phrase, window=1)
    assert sorted(toy["collocate"]) == ["b", "c"] and toy["f_node"].tolist() == [1, 1]
    lexicon = pd.DataFrame({"category": ["c"], "entry": [phrase]})
    assert int(nk.lexicon_counts(tokens, lexicon)["n"].sum()) == len(lines)


def test_alternatives_are_patterns_as_results_name_them(tokens: pd.DataFrame) -> None:
    """``a|b`` is the union of ``a`` and ``b`` everywhere: a table's label of a list is a pattern again."""
    either = nk.kwic(tokens, "peaceful|settlement")
    listed = nk.kwic(tokens, ["peaceful", "settlement"])
    assert len(either) == len(listed) > len(nk.kwic(tokens, "peaceful")) > 0
    table = nk.dispersion(tokens, "peaceful | settlement")
    assert table["term"].tolist() == ["peaceful", "settlement"]
    assert int(table["f"].sum()) == len(either)
