"""`Translator`: the one object a Python user needs, and that the `dvd` command is a thin layer on.

Built once from the lexicons in force (`Translator.from_config()`, exactly as `dvd` finds them)
or from given lexicons, it holds the compiled index and the default options, and translates
text, byte streams, e-mails and files byte for byte as `dvd translate` does. It is immutable
after construction; what a scan learns about words is kept per thread, so one translator may
serve many threads, and it pickles, so `multiprocessing` workers can each receive it once.

>>> from dikkevandale import Translator
>>> translator = Translator(to="it")
>>> translator.translate("Het 360-graden-klantbeeld is af.").text
'De mid-office-oplossing op basis van XML is af.'
"""

from __future__ import annotations

import io
import os
import threading
import weakref
from collections.abc import (
    Callable,
    Collection,
    Hashable,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO, Literal, NamedTuple

from dikkevandale import files
from dikkevandale.io import streams
from dikkevandale.lexicon.config import Config
from dikkevandale.lexicon.layers import (
    BUILTIN,
    COMMAND_LINE,
    Layer,
    builtin_dir,
    expand,
    find_layers,
    lexicon_files,
    merge,
    project_config,
)
from dikkevandale.matching import cache
from dikkevandale.matching.domain import judge
from dikkevandale.matching.index import Index, compile_index
from dikkevandale.matching.matcher import DEFAULT_THRESHOLD, scan
from dikkevandale.matching.memo import Memo
from dikkevandale.model import (
    NO_SUPPRESSION,
    Concept,
    Lexicon,
    Match,
    Rewrite,
    Skip,
    Suppressed,
    Suppression,
    Translation,
    did_you_mean,
)
from dikkevandale.rewriting.gloss import DEFAULT_GLOSS, check_gloss
from dikkevandale.rewriting.rewrite import rewrite_text

Mode = Literal["replace", "gloss"]
LexiconSource = str | os.PathLike[str] | Lexicon


class OptionError(ValueError):
    """An option that cannot work with the lexicons in force (an unknown audience, say)."""


@dataclass(frozen=True, slots=True)
class Options:
    """How a translator translates; every call may override any of these by keyword."""

    to: str | None = None
    sources: tuple[str, ...] | None = None
    mode: Mode = "replace"
    gloss_label: str = DEFAULT_GLOSS
    threshold: float = DEFAULT_THRESHOLD
    fuzzy: bool = True
    language: str | None = None
    mark_review: bool = False
    """Wrap a replacement whose form is a guess in ⟦…⟧ in the translated text."""
    context: bool = True
    """False: rewrite every term found, whatever its context says (see `matching.domain`)."""


# The records below are named tuples, not dataclasses: each frozen dataclass costs about
# 0.4 ms to create when the module is imported, a named tuple a tenth of that, and every
# `dvd` run imports this module (its start-up is measured against a bare Typer command).


class Piece(NamedTuple):
    """One paragraph of a stream and its translation; `offset` counts code points before it
    in the stream, `line` is the 1-based line it starts on."""

    text: str
    translation: Translation
    offset: int
    line: int


class Finding(NamedTuple):
    """A rewrite at its line and column (1-based) in a file or stream."""

    line: int
    col: int
    rewrite: Rewrite


class LeftAlone(NamedTuple):
    """A term found but not rewritten, at its line and column (1-based) in a file or stream:
    a `dvd off` or `dvd-ignore` directive suppressed it, or its context skipped it."""

    line: int
    col: int
    term: Suppressed | Skip


class EmailTranslation(NamedTuple):
    """A translated message: its bytes, the rewrites of its Subject and text parts, and one
    warning per part that had to be left as it was."""

    data: bytes
    rewrites: tuple[Rewrite, ...]
    warnings: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    """The part each rewrite stands in (`Subject`, `1`, `2.1`, `2.Subject`); its offsets are
    into that part's decoded text (the Subject's: decoded from its encoded words)."""
    places: tuple[int, ...] = ()
    """Where each rewrite starts in the message's bytes: exactly in a one-line Subject
    without encoded words and in a body sent as it is (7bit, 8bit); in a quoted-printable or
    base64 body, or an encoded Subject, where that body or Subject field starts."""
    left_alone: tuple[Suppressed | Skip, ...] = ()
    """The terms a directive or their context left alone (`Translation.suppressed` and
    `skipped`), in the order of the message; offsets as for `rewrites`."""
    left_alone_parts: tuple[str, ...] = ()
    """The part each term left alone stands in, as `parts`."""
    left_alone_places: tuple[int, ...] = ()
    """Where each term left alone starts in the message's bytes, as `places`."""


class FileTranslation(NamedTuple):
    """What `translate_file` did to one file."""

    path: Path
    data: bytes
    """The translated bytes (what was written, with `in_place`)."""
    changed: bool
    email: bool
    findings: tuple[Finding, ...] = ()
    """Every rewrite; in an e-mail at the place `EmailTranslation.places` gives."""
    warnings: tuple[str, ...] = ()
    written: bool = False
    left_alone: tuple[LeftAlone, ...] = ()
    """Every term a directive or its context left alone, in the order of the file; in an
    e-mail at the place `EmailTranslation.left_alone_places` gives."""


class _Handling(NamedTuple):
    """How `translate_file(s)` reads and writes a file (the options that are not about
    translating)."""

    in_place: bool
    backup: bool
    force: bool
    encoding: str
    email: bool | None
    skip_quoted: bool
    sync_folder: bool


class Tally(NamedTuple):
    """Counts of a streamed translation."""

    pieces: int = 0
    rewrites: int = 0
    fuzzy: int = 0


class Translator:
    """Translates jargon between audiences with a fixed set of lexicons and default options.

    `lexicons` are files, folders of `*.yaml` files or `Lexicon` objects, each overriding the
    earlier ones concept by concept, after the built-in lexicons unless `builtin` is false.
    Options (`to`, `sources`, `mode`, `gloss_label`, `threshold`, `fuzzy`, `language`,
    `mark_review`, `context`) are defaults that each call may override. `notice` receives one
    line when compiling the lexicons takes long (the first run after an install or an edit of
    a big lexicon).
    """

    __slots__ = ("__weakref__", "_config", "_index", "_layers", "_local", "_options")
    _config: Config
    _index: Index
    _layers: tuple[Layer, ...]
    _local: threading.local
    _options: Options

    def __init__(
        self,
        lexicons: Iterable[LexiconSource] = (),
        *,
        builtin: bool = True,
        cache_compiled: bool = True,
        notice: Callable[[str], None] | None = None,
        **options: Any,
    ) -> None:
        given = list(lexicons)
        paths = [Path(item) for item in given if not isinstance(item, Lexicon)]
        layers = [Layer(BUILTIN, tuple(lexicon_files(builtin_dir())))] if builtin else []
        if paths:
            layers.append(Layer(COMMAND_LINE, expand(paths)))
        objects = [item for item in given if isinstance(item, Lexicon)]
        if objects:
            index = _compile_with(layers, objects)
        elif not any(layer.files for layer in layers):
            raise OptionError("no lexicon given and builtin=False: nothing to translate with")
        else:
            index = cache.load_index(layers, use_cache=cache_compiled, notice=notice)
        self._setup(index, tuple(layers), Config(), Options(**options))

    @classmethod
    def from_config(
        cls,
        cwd: str | os.PathLike[str] | None = None,
        *,
        lexicons: Iterable[str | os.PathLike[str]] = (),
        builtin: bool | None = None,
        environ: Mapping[str, str] | None = None,
        notice: Callable[[str], None] | None = None,
        **options: Any,
    ) -> Translator:
        """The lexicons in force as `dvd` finds them from `cwd`: built-in, the project's
        (`lexicons/` or `.dvd.toml` found upwards, up to the repository root or the home
        folder), `DVD_LEXICON_PATH`, then `lexicons`. A project file that others could have
        planted is ignored and named through `notice`.

        The project's `.dvd.toml` also gives defaults (`to`, `threshold`, `fuzzy`, `context`,
        `builtin`) that `options` override.
        """
        start = Path(cwd) if cwd is not None else Path.cwd()
        config, _ = project_config(start, notice)
        use_builtin = config.builtin if builtin is None else builtin
        layers = find_layers(
            [Path(p) for p in lexicons], builtin=use_builtin, environ=environ, start=start
        )
        if not any(layer.files for layer in layers):
            raise OptionError(
                "no lexicon in force (--no-builtin or builtin = false); add --lexicon PATH"
            )
        defaults: dict[str, Any] = {"fuzzy": config.fuzzy, "context": config.context}
        if config.to is not None:
            defaults["to"] = config.to
        if config.threshold is not None:
            defaults["threshold"] = config.threshold
        defaults.update({key: value for key, value in options.items() if value is not None})
        index = cache.load_index(layers, notice=notice)
        translator = cls.__new__(cls)
        translator._setup(index, tuple(layers), config, Options(**defaults))
        return translator

    def _setup(
        self, index: Index, layers: tuple[Layer, ...], config: Config, options: Options
    ) -> None:
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_layers", layers)
        object.__setattr__(self, "_config", config)
        object.__setattr__(self, "_local", threading.local())
        object.__setattr__(self, "_options", self._checked(options))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a Translator is immutable; make another with other options")

    def __getstate__(self) -> tuple[Index, tuple[Layer, ...], Config, Options]:
        return self._index, self._layers, self._config, self._options

    def __setstate__(self, state: tuple[Index, tuple[Layer, ...], Config, Options]) -> None:
        index, layers, config, options = state
        self._setup(index, layers, config, options)

    # -- what it knows ------------------------------------------------------------------------

    @property
    def index(self) -> Index:
        """The compiled lexicons (immutable)."""
        return self._index

    @property
    def options(self) -> Options:
        return self._options

    @property
    def config(self) -> Config:
        """The project's `.dvd.toml` settings (defaults when there is none)."""
        return self._config

    @property
    def layers(self) -> tuple[Layer, ...]:
        """The lexicon files in force, by layer, in the order they override each other."""
        return self._layers

    @property
    def audiences(self) -> tuple[str, ...]:
        return self._index.audiences

    @property
    def languages(self) -> frozenset[str]:
        return self._index.languages

    @property
    def concepts(self) -> Mapping[str, Concept]:
        """Every concept in force, by id."""
        return self._index.by_id

    def with_options(self, **options: Any) -> Translator:
        """The same lexicons with other default options (no recompiling)."""
        other = Translator.__new__(Translator)
        other._setup(self._index, self._layers, self._config, replace(self._options, **options))
        return other

    # -- translating --------------------------------------------------------------------------

    def translate(
        self,
        text: str,
        to: str | None = None,
        *,
        markdown: bool = True,
        carry: int = 0,
        **options: Any,
    ) -> Translation:
        """`text` with the jargon of other audiences rewritten for `to` (or the default).

        Code, markup, link targets, addresses and identifiers are left alone, and so is what
        the writer's `dvd off` / `dvd-ignore` directives cover (`Translation.suppressed`).
        `markdown=False` says the text is plain prose, not Markdown (then an indented line is
        no code block, and `[...]` no link).

        A term marked as an everyday word is rewritten only where the text shows the
        lexicons' domain; otherwise it is listed in `skipped` (see `matching.domain`).
        `carry` says how many paragraphs at the start of `text` the text before it (of the
        same document) showed to be about the domain, as `translations` passes it on from
        paragraph to paragraph: `Translation.carry` of the text before.
        """
        settings = self._resolve(to, options)
        return self._translate(text, settings, markdown=markdown, carry=carry)

    def matches(
        self, text: str, to: str | None = None, *, markdown: bool = True, **options: Any
    ) -> list[Match]:
        """The terms `translate` would act on, with their offsets, kinds and scores."""
        settings = self._resolve(to, options)
        found = scan(
            text,
            self._index,
            settings.to or "",
            settings.sources,
            fuzzy=settings.fuzzy,
            threshold=settings.threshold,
            language=settings.language,
            memo=self._memo(),
            markdown=markdown,
            kept=settings.context,
        )
        return judge(text, found, self._index).matches if settings.context else found.matches

    def translations(
        self, source: BinaryIO, to: str | None = None, *, encoding: str = "utf-8", **options: Any
    ) -> Iterator[Piece]:
        """Translate a byte stream a paragraph at a time, as it arrives (memory stays flat);
        with lexicons of one language, prose paragraphs that arrived together are one piece.

        Joined, the pieces' texts are exactly the decoded input; undecodable or binary input
        raises `InputError` at the piece where it is found. Each piece is translated as part
        of the whole: front matter only at the start, directives carried from piece to piece,
        and once a paragraph has shown the lexicons' domain, everyday terms of the next
        paragraphs are rewritten too.
        """
        settings = self._resolve(to, options)  # options are checked before anything is read
        return self._pieces(source, settings, encoding)

    def _pieces(
        self,
        source: BinaryIO,
        settings: Options,
        encoding: str = "utf-8",
        suppression: Suppression = NO_SUPPRESSION,
        evidence: int = 0,
    ) -> Iterator[Piece]:
        offset, line = 0, 1
        carry = suppression
        # Prose paragraphs that arrive together are translated as one text, as the whole
        # input would be, when the lexicons are of one language: with several, each
        # paragraph's language is told apart by translating it on its own.
        joined = len(self._index.languages) <= 1
        cut = streams.pieces(source, encoding, joined=joined)
        for text, verbatim in self._clear_pieces(cut, settings):
            if verbatim:
                translation = Translation(text, settings.to or "", (), (), carry, (), evidence)
            else:
                translation = self._translate(
                    text, settings, at_start=offset == 0, suppression=carry, carry=evidence
                )
            carry = translation.after
            evidence = translation.carry
            yield Piece(text, translation, offset, line)
            offset += len(text)
            line += text.count("\n")

    def _clear_pieces(
        self, pieces: Iterable[streams.Piece], settings: Options
    ) -> Iterator[tuple[str, bool]]:
        """The pieces' texts (and whether each is verbatim), where a piece cut for length
        ends at a clear place instead (`cuts.clear_cut`): what follows it is carried over to
        the next piece, so no term is split and memory stays bounded on a 1 GB line."""
        held = ""
        for piece in pieces:
            if piece.verbatim:
                if held:
                    yield held, False
                    held = ""
                yield piece.text, True
                continue
            text = held + piece.text if held else piece.text
            held = ""
            if piece.open_end:
                from dikkevandale.matching.cuts import clear_cut  # only for huge lines

                cut = clear_cut(
                    text,
                    self._index,
                    settings.to or "",
                    settings.sources,
                    fuzzy=settings.fuzzy,
                    threshold=settings.threshold,
                    language=settings.language,
                    memo=self._memo(),
                )
                text, held = text[:cut], text[cut:]
            yield text, False
        if held:  # the last piece of a stream is never open-ended, but hold nothing back
            yield held, False

    def translate_stream(
        self,
        source: BinaryIO,
        target: BinaryIO,
        to: str | None = None,
        *,
        encoding: str = "utf-8",
        **options: Any,
    ) -> Tally:
        """Copy `source` to `target`, translated; every byte outside a rewrite is kept.

        Output is flushed piece by piece (a paragraph, or the prose paragraphs that arrived
        together), so a pipe that trickles in comes out as it comes. The output uses the
        input's encoding.
        """
        writer = streams.Writer(target, encoding)
        pieces = rewrites = fuzzy = 0
        for piece in self.translations(source, to, encoding=encoding, **options):
            writer.write(piece.translation.text)
            pieces += 1
            rewrites += len(piece.translation.rewrites)
            fuzzy += sum(1 for r in piece.translation.rewrites if r.match.kind == "fuzzy")
        writer.write("", final=True)
        return Tally(pieces, rewrites, fuzzy)

    def translate_email(
        self, data: bytes, to: str | None = None, *, skip_quoted: bool = False, **options: Any
    ) -> EmailTranslation:
        """Translate an e-mail message: its Subject and text parts, every other byte kept.

        The parts are one document: once the Subject or a part has shown the lexicons'
        domain, everyday terms of the parts right after it are rewritten too. An mbox (a
        mail folder, "From " line by "From " line) is translated message by message, and
        each message is a document of its own.
        """
        from dikkevandale.io.mail.message import translate_email

        settings = self._resolve(to, options)
        carry = [0]  # the domain evidence, carried from part to part as from paragraph on

        def prose(text: str, state: Suppression, /, *, markdown: bool) -> Translation:
            if markdown and "\0" not in text:  # a plain body: as `dvd translate` reads it
                result = self._by_paragraph(text, settings, state, carry[0])
            else:
                result = self._translate(
                    text, settings, markdown=markdown, suppression=state, carry=carry[0]
                )
            carry[0] = result.carry
            return result

        def next_message() -> None:  # the messages of an mbox are documents of their own
            carry[0] = 0

        result = translate_email(
            data, skip_quoted=skip_quoted, prose=prose, next_message=next_message
        )
        return EmailTranslation(
            result.data,
            tuple(rewrite for _, rewrite in result.rewrites),
            result.warnings,
            tuple(part for part, _ in result.rewrites),
            result.places,
            tuple(term for _, term in result.left_alone),
            tuple(part for part, _ in result.left_alone),
            result.left_alone_places,
        )

    def _by_paragraph(
        self, text: str, settings: Options, state: Suppression, evidence: int
    ) -> Translation:
        """`text` translated as the pieces `translations` cuts it into: the same output as
        for a file, and memory bounded by a paragraph, not by a 30 MB mail body."""
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: no stream of bytes holds it
            return self._translate(text, settings, suppression=state, carry=evidence)
        del text
        pieces = self._pieces(io.BytesIO(data), settings, suppression=state, evidence=evidence)
        return _stitched(pieces, settings.to or "", state, evidence)

    def translate_file(
        self,
        path: str | os.PathLike[str],
        to: str | None = None,
        *,
        in_place: bool = False,
        backup: bool = False,
        force: bool = False,
        encoding: str = "utf-8",
        email: bool | None = None,
        skip_quoted: bool = False,
        **options: Any,
    ) -> FileTranslation:
        """Translate a file (an e-mail when it starts with mail headers, unless `email` says);
        with `in_place`, replace it atomically when anything changed (`backup`: FILE.bak)."""
        handling = _Handling(in_place, backup, force, encoding, email, skip_quoted, True)
        return self._translate_file(path, to, handling, options)

    def translate_files(
        self,
        paths: Iterable[str | os.PathLike[str]],
        to: str | None = None,
        *,
        jobs: int = 1,
        in_place: bool = False,
        backup: bool = False,
        force: bool = False,
        encoding: str = "utf-8",
        email: bool | None = None,
        skip_quoted: bool = False,
        **options: Any,
    ) -> Iterator[FileTranslation]:
        """`translate_file` for each path, in order, in `jobs` processes (each receives this
        translator once). A file named twice is translated once. Written files are flushed to
        disk one by one and each folder's renames once, at the end."""
        self._resolve(to, options)
        handling = _Handling(in_place, backup, force, encoding, email, skip_quoted, False)
        unique = list(dict.fromkeys(os.path.realpath(path) for path in paths))
        folders: dict[Path, None] = {}
        try:
            if jobs <= 1 or len(unique) < 2:
                results: Iterator[FileTranslation] = (
                    self._translate_file(path, to, handling, options) for path in unique
                )
                for result in results:
                    folders.update({result.path.parent: None} if result.written else {})
                    yield result
                return
            from concurrent.futures import ProcessPoolExecutor

            work = (to, handling, options)
            with ProcessPoolExecutor(
                max_workers=min(jobs, len(unique)), initializer=_adopt, initargs=(self,)
            ) as pool:
                for result in pool.map(
                    _translate_in_worker, unique, [work] * len(unique), chunksize=4
                ):
                    folders.update({result.path.parent: None} if result.written else {})
                    yield result
        finally:
            for folder in folders:
                files.sync_folder_of(folder / ".")

    def _translate_file(
        self,
        path: str | os.PathLike[str],
        to: str | None,
        handling: _Handling,
        options: Mapping[str, Any],
    ) -> FileTranslation:
        self._resolve(to, options)
        file = Path(path)
        data = streams.read_input_file(file)
        done = self.translate_bytes(
            data,
            to,
            name=file,
            encoding=handling.encoding,
            email=handling.email,
            skip_quoted=handling.skip_quoted,
            **options,
        )
        if handling.in_place and done.changed:
            streams.write_atomically(
                file,
                done.data,
                backup=handling.backup,
                force=handling.force,
                sync_folder=handling.sync_folder,
            )
            return done._replace(written=True)
        return done

    def translate_bytes(
        self,
        data: bytes,
        to: str | None = None,
        *,
        name: str | os.PathLike[str] = "-",
        encoding: str = "utf-8",
        email: bool | None = None,
        skip_quoted: bool = False,
        **options: Any,
    ) -> FileTranslation:
        """What `translate_file` does to a file's bytes, for input that is not a file
        (standard input for `dvd check -`); `name` is the path the result carries."""
        from dikkevandale.io.mail.detect import looks_like_email

        self._resolve(to, options)
        is_email = looks_like_email(data[: streams.HEAD_SIZE]) if email is None else email
        rewrites: Sequence[Rewrite]
        terms: Sequence[Suppressed | Skip]
        if is_email:
            mail = self.translate_email(data, to, skip_quoted=skip_quoted, **options)
            new, warnings = mail.data, mail.warnings
            rewrites, terms = mail.rewrites, mail.left_alone
            rewrites_at = _places(data, mail.places)
            terms_at = _places(data, mail.left_alone_places)
        else:
            text = streams.decode(data, encoding)
            # Piece by piece, as `dvd translate` streams it: the same output byte for
            # byte, and a big Markdown file is never parsed whole.
            pieces = self.translations(io.BytesIO(data), to, encoding=encoding, **options)
            whole = _stitched(pieces, to or "", NO_SUPPRESSION, 0)
            rewrites = whole.rewrites
            new = whole.text.encode(encoding) if rewrites else data
            warnings = ()
            terms = sorted([*whole.suppressed, *whole.skipped], key=lambda term: term.match.start)
            rewrites_at = _lines(text, [rewrite.start for rewrite in rewrites])
            terms_at = _lines(text, [term.match.start for term in terms])
        findings = tuple(Finding(*at, r) for at, r in zip(rewrites_at, rewrites, strict=True))
        left = tuple(LeftAlone(*at, t) for at, t in zip(terms_at, terms, strict=True))
        return FileTranslation(
            Path(name), new, new != data, is_email, findings, warnings, left_alone=left
        )

    # -- helpers ------------------------------------------------------------------------------

    def _translate(
        self,
        text: str,
        settings: Options,
        *,
        markdown: bool = True,
        at_start: bool = True,
        suppression: Suppression = NO_SUPPRESSION,
        carry: int = 0,
    ) -> Translation:
        return rewrite_text(
            text,
            self._index,
            settings.to or "",
            sources=settings.sources,
            fuzzy=settings.fuzzy,
            threshold=settings.threshold,
            language=settings.language,
            gloss_label=settings.gloss_label if settings.mode == "gloss" else None,
            memo=self._memo(),
            markdown=markdown,
            at_start=at_start,
            suppression=suppression,
            mark_review=settings.mark_review,
            context=settings.context,
            carry=carry,
        )

    def _memo(self) -> Memo:
        memo: Memo | None = getattr(self._local, "memo", None)
        if memo is None:
            memo = Memo(self._index)
            self._local.memo = memo
        return memo

    def _resolve(self, to: str | None, overrides: Mapping[str, Any]) -> Options:
        if to is None and not overrides:
            return self._with_audience(self._options)
        # A loop of `translate(text, to="it", fuzzy=False)` asks the same every time: the
        # checked options are remembered per thread (the translator itself never changes).
        try:
            # In call order, not sorted: one call site always passes its options in one order.
            key: Hashable = (to, *overrides.items())
            hash(key)
        except TypeError:  # a list of sources, say: checked anew
            return self._with_audience(self._options_for(to, overrides))
        resolved: dict[Hashable, Options] | None = getattr(self._local, "resolved", None)
        if resolved is None or len(resolved) > 64:
            resolved = self._local.resolved = {}
        settings = resolved.get(key)
        if settings is None:
            settings = resolved[key] = self._options_for(to, overrides)
        return self._with_audience(settings)

    @staticmethod
    def _with_audience(settings: Options) -> Options:
        if settings.to is None:
            raise OptionError('missing --to AUDIENCE (or set to = "it" in .dvd.toml)')
        return settings

    def _options_for(self, to: str | None, overrides: Mapping[str, Any]) -> Options:
        if to is None and not overrides:
            settings = self._options
        else:
            changes = {key: value for key, value in overrides.items() if value is not None}
            if to is not None:
                changes["to"] = to
            try:
                settings = self._checked(replace(self._options, **changes))
            except TypeError as error:
                raise OptionError(str(error)) from None
        return settings

    def _checked(self, options: Options) -> Options:
        known = self._index.audiences
        if options.to is not None and options.to not in known:
            if options.to.lower() not in known:
                raise OptionError(_unknown("audience", options.to, known))
            options = replace(options, to=options.to.lower())  # --to IT means it
        if options.sources is not None:
            sources = tuple(s.lower() if s.lower() in known else s for s in options.sources)
            for audience in sources:
                if audience not in known:
                    raise OptionError(_unknown("audience", audience, known))
            options = replace(options, sources=sources)
        if options.language in ("auto", ""):
            options = replace(options, language=None)
        if options.language is not None and options.language not in self._index.languages:
            languages = sorted(self._index.languages)
            raise OptionError(
                f"no lexicon in force is in language '{options.language}'"
                f"{did_you_mean(options.language, languages)}; languages: auto, "
                + ", ".join(languages)
            )
        if options.mode not in ("replace", "gloss"):
            raise OptionError(f"mode must be 'replace' or 'gloss', not '{options.mode}'")
        if not 0 <= options.threshold <= 100:
            raise OptionError(f"threshold must be from 0 to 100, not {options.threshold}")
        try:
            check_gloss(options.gloss_label)
        except ValueError as error:
            raise OptionError(str(error)) from None
        return options


def _unknown(what: str, name: str, known: Collection[str]) -> str:
    hint = did_you_mean(name, list(known))
    return f"unknown {what} '{name}'{hint}; known {what}s: {', '.join(known)}"


def _stitched(pieces: Iterable[Piece], to: str, state: Suppression, evidence: int) -> Translation:
    """The translations of a stream's pieces as one of the whole stream: their texts joined,
    every term moved to its offset in the stream, the state and evidence at its end."""
    parts: list[str] = []
    rewrites: list[Rewrite] = []
    suppressed: list[Suppressed] = []
    skipped: list[Skip] = []
    for piece in pieces:
        done = piece.translation
        parts.append(done.text)
        rewrites += [rewrite.moved(piece.offset) for rewrite in done.rewrites]
        suppressed += [term.moved(piece.offset) for term in done.suppressed]
        skipped += [term.moved(piece.offset) for term in done.skipped]
        state, evidence = done.after, done.carry
    return Translation(
        "".join(parts), to, tuple(rewrites), tuple(suppressed), state, tuple(skipped), evidence
    )


def _places(data: bytes, places: Sequence[int]) -> list[tuple[int, int]]:
    """The lines and columns of places in an e-mail's bytes, in the order given; a column
    counts characters, read as UTF-8. Lines are counted from place to place, in the order of
    the places: linear in a big message with many terms."""
    order = sorted(range(len(places)), key=places.__getitem__)
    found = [(0, 0)] * len(places)
    line, column, position = 1, 1, 0
    for number in order:
        place = places[number]
        newlines = data.count(b"\n", position, place)
        if newlines:
            line += newlines
            position, column = data.rfind(b"\n", position, place) + 1, 1
        column += len(data[position:place].decode("utf-8", "replace"))
        position = place
        found[number] = (line, column)
    return found


def _lines(text: str, offsets: Iterable[int]) -> list[tuple[int, int]]:
    """The lines and columns (1-based) of ascending offsets into `text`."""
    found: list[tuple[int, int]] = []
    line, position = 1, 0
    for offset in offsets:
        line += text.count("\n", position, offset)
        position = offset
        found.append((line, offset - text.rfind("\n", 0, offset)))
    return found


def _compile_with(layers: list[Layer], lexicons: list[Lexicon]) -> Index:
    from dikkevandale.lexicon.loader import read_lexicon_file

    parsed: list[list[tuple[str, tuple[Concept, ...]]]] = [
        [(str(path), read_lexicon_file(path)) for path in layer.files] for layer in layers
    ]
    parsed += [[(source, lexicon.concepts)] for source, lexicon in _named(lexicons)]
    return compile_index(merge(parsed))


def _named(lexicons: list[Lexicon]) -> Iterator[tuple[str, Lexicon]]:
    for number, lexicon in enumerate(lexicons, start=1):
        yield (", ".join(lexicon.sources) or f"<lexicon {number}>"), lexicon


_WORKER: list[Translator] = []


def _adopt(translator: Translator) -> None:
    _WORKER[:] = [translator]


def _translate_in_worker(
    path: str, work: tuple[str | None, _Handling, Mapping[str, Any]]
) -> FileTranslation:
    return _WORKER[0]._translate_file(path, *work)


_TRANSLATORS: dict[int, Translator] = {}
_TRANSLATORS_LOCK = threading.Lock()


def translate(
    text: str, lexicon: Lexicon | Index | None = None, to: str | None = None, **options: Any
) -> Translation:
    """Translate `text` for `to` with `lexicon` (the built-in lexicons when None).

    The lexicon is compiled once and remembered for as long as it lives, so calling this in
    a loop is as fast as keeping a `Translator`.

    >>> translate("Het 360-graden-klantbeeld is af.", to="it").text
    'De mid-office-oplossing op basis van XML is af.'
    """
    return translator_for(lexicon).translate(text, to, **options)


def translator_for(lexicon: Lexicon | Index | None = None) -> Translator:
    """A translator for a `Lexicon` or compiled `Index` object, made once per object.

    A `Lexicon` is remembered by identity until it is garbage-collected. An `Index` needs no
    compiling; the translators of the last few are kept (a translator holds its index, so
    remembering one per index for ever would keep every index alive).
    """
    key = id(lexicon)
    # Read without the lock: a dict lookup is atomic, and a loop of `translate` calls this
    # for every paragraph. Only adding and forgetting translators take the lock.
    known = _TRANSLATORS.get(key) if not isinstance(lexicon, Index) else _RECENT.get(key)
    if known is not None:
        return known
    if lexicon is None:
        made = Translator()
    else:
        index = lexicon if isinstance(lexicon, Index) else compile_index(lexicon)
        made = Translator.__new__(Translator)
        made._setup(index, (), Config(), Options())
    with _TRANSLATORS_LOCK:
        if isinstance(lexicon, Index):
            _RECENT[key] = made
            while len(_RECENT) > _RECENT_INDEXES:
                del _RECENT[next(iter(_RECENT))]
        else:
            _TRANSLATORS[key] = made
    if isinstance(lexicon, Lexicon):
        weakref.finalize(lexicon, _forget, key)
    return made


_RECENT_INDEXES = 4
_RECENT: dict[int, Translator] = {}


def _forget(key: int) -> None:
    with _TRANSLATORS_LOCK:
        _TRANSLATORS.pop(key, None)
