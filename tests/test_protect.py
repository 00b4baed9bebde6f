from __future__ import annotations

import pytest

from dikkevandale.matching.protect import protected_spans


@pytest.mark.parametrize(
    ("text", "protected"),
    [
        ("zie https://crm.example/a-b?x=1.", ["https://crm.example/a-b?x=1"]),
        ("op www.example.nl/klant staat het", ["www.example.nl/klant"]),
        ("mail jan.de.vries@klant-bv.nl graag", ["jan.de.vries@klant-bv.nl"]),
        ("run `dvd translate` nu", ["`dvd translate`"]),
        ("code ``a ` b`` hier", ["``a ` b``"]),
        ('[de tekst](https://x.example/pad "titel") en', ['](https://x.example/pad "titel")']),
        ("[ref]: https://x.example/doel\n", ["[ref]: https://x.example/doel"]),
        ("voor\n```yaml\nsla: 1\n\nmeer\n```\nna", ["```yaml\nsla: 1\n\nmeer\n```"]),
        ("gewone tekst zonder iets", []),
        (
            '<a href="https://x.example" title="klantbeeld">klantbeeld</a>',
            ['<a href="https://x.example" title="klantbeeld">', "</a>"],
        ),
        ("tekst <!-- klantbeeld --> tekst", ["<!-- klantbeeld -->"]),
        ("---\ntitle: Klantbeeld\nklantbeeld: ja\n---\nHet klantbeeld", ["title:", "klantbeeld:"]),
    ],
)
def test_protected_spans(text: str, protected: list[str]) -> None:
    assert [text[s:e] for s, e in protected_spans(text)] == protected
