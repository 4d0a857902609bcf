"""The openings' wording in story grouping: one event's reports name its particulars, the
same subject's other events share little more than the subject's name."""

from __future__ import annotations

import numpy as np

from newsbot.index.coverage.stories import StoryArticle, group_stories
from newsbot.index.coverage.wording import Wording

# Other news, years away from the stories below and from each other (never joined): they
# give the words their weights, as the rest of an index does.
BACKGROUND = [
    "Harga cabai rawit di pasar induk naik menjelang Lebaran, kata pedagang di Jakarta.",
    "Timnas Indonesia U-23 berlatih di Stadion Patriot menjelang laga melawan Fiji.",
    "Banjir merendam ratusan rumah di Kampung Pulo setelah hujan deras semalam.",
    "Gubernur DKI meresmikan taman baru di Jakarta Timur pada Minggu pagi.",
]
# One event (KPK arrests the mayor of Tegal), worded differently by two outlets.
TEGAL_KPK = (
    "Komisi Pemberantasan Korupsi menangkap Wali Kota Tegal Siti Masitha dalam operasi "
    "tangkap tangan, Selasa. Uang ratusan juta rupiah disita dari rumah dinas."
)
TEGAL_DEPUTY = (
    "Wakil Wali Kota Tegal Nur Sholeh membenarkan Siti Masitha ditangkap KPK dalam operasi "
    "tangkap tangan. Ia mendapat kabar dari pegawai Pemkot Tegal."
)
# One subject (Setya Novanto), two happenings the same days.
SETNOV_SUMMONS = (
    "Ketua DPR Setya Novanto kembali mangkir dari panggilan KPK sebagai saksi kasus e-KTP "
    "dengan alasan tidak ada izin Presiden."
)
SETNOV_MEMES = (
    "Setya Novanto melaporkan para penyebar meme dirinya ke polisi. Pengamat menilai langkah "
    "Ketua DPR itu merugikan Golkar."
)


def _unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def _group(
    pair: list[StoryArticle], vectors: list[np.ndarray], **settings: float | None
) -> dict[str, str]:
    others = [
        StoryArticle(f"bg{i}", "suara", f"{2019 + i}-01-01", None, text)
        for i, text in enumerate(BACKGROUND)
    ]
    far = [_unit(0, 0, 1, float(i)) for i in range(len(BACKGROUND))]
    return group_stories([*pair, *others], np.stack([*vectors, *far]), **settings)  # type: ignore[arg-type]


def test_one_events_reports_are_worded_more_alike_than_one_subjects_events() -> None:
    wording = Wording([TEGAL_KPK, TEGAL_DEPUTY, SETNOV_SUMMONS, SETNOV_MEMES, *BACKGROUND, ""])
    same_event = float(wording.row(0)[1])
    same_subject = float(wording.row(2)[3])
    assert same_event > 0.3 > 0.2 > same_subject > 0.0
    assert float(wording.row(0)[2]) < same_subject  # Tegal and Setnov: KPK alone
    assert float(wording.row(1)[0]) == same_event  # symmetric
    assert wording.has.tolist() == [True] * 8 + [False]
    assert not wording.row(8).any()  # an empty opening is alike to nothing


def test_nothing_to_read_is_alike_to_nothing() -> None:
    for texts in ([], ["", "  "], ["a b c", "!"]):
        wording = Wording(texts)
        assert not wording.has.any()
        for i in range(len(texts)):
            assert not wording.row(i).any()


def test_a_wording_floor_splits_one_subjects_other_event_dated_or_undated() -> None:
    close = _unit(1, 0.05, 0, 0)  # lead cosine 0.999: the vectors alone would join them
    for seen_b, published_b in ((None, "2017-11-07"), ("2017-11-07T05:00:00Z", None)):
        summons = StoryArticle("a", "antaranews", "2017-11-07", None, SETNOV_SUMMONS)
        memes = StoryArticle("b", "cnn indonesia", published_b, seen_b, SETNOV_MEMES)
        vectors = [_unit(1, 0, 0, 0), close]
        assert len({*_group([summons, memes], vectors).values()}) == 1 + len(BACKGROUND)
        apart = _group([summons, memes], vectors, wording_floor=0.25)
        assert apart["a"] != apart["b"]


def test_a_wording_floor_keeps_one_events_differently_worded_reports_together() -> None:
    for seen_b, published_b in ((None, "2017-08-30"), ("2017-08-30T11:00:00Z", None)):
        kpk = StoryArticle("a", "antaranews", "2017-08-29", None, TEGAL_KPK)
        deputy = StoryArticle("b", "merdeka", published_b, seen_b, TEGAL_DEPUTY)
        vectors = [_unit(1, 0, 0, 0), _unit(1, 0.05, 0, 0)]
        together = _group([kpk, deputy], vectors, wording_floor=0.25)
        assert together["a"] == together["b"]
        assert together["a"] != together["bg0"]


def test_a_wording_weight_joins_alike_wording_and_parts_unlike_wording() -> None:
    # Lead cosine 0.87, below 0.88: alone, the two Tegal reports stay apart.
    apart = _unit(1, 0.567, 0, 0)
    assert 0.86 < float(_unit(1, 0, 0, 0) @ apart) < 0.875
    kpk = StoryArticle("a", "antaranews", "2017-08-29", None, TEGAL_KPK)
    deputy = StoryArticle("b", "merdeka", "2017-08-30", None, TEGAL_DEPUTY)
    vectors = [_unit(1, 0, 0, 0), apart]
    assert len({*_group([kpk, deputy], vectors).values()}) == 2 + len(BACKGROUND)
    joined = _group([kpk, deputy], vectors, wording_weight=0.3, threshold=0.95)
    assert joined["a"] == joined["b"]
    # The Setnov pair's leads are closer (0.999), but 0.3 times their wording is too little.
    summons = StoryArticle("c", "antaranews", "2017-11-07", None, SETNOV_SUMMONS)
    memes = StoryArticle("d", "cnn indonesia", "2017-11-07", None, SETNOV_MEMES)
    parted = _group([summons, memes], [_unit(1, 0, 0, 0), _unit(1, 0.05, 0, 0)], wording_weight=0.3)
    assert parted["c"] == parted["d"]  # at the usual threshold the bonus only adds
    parted = _group(
        [summons, memes],
        [_unit(1, 0, 0, 0), _unit(1, 0.05, 0, 0)],
        wording_weight=0.3,
        threshold=1.1,
    )
    assert parted["c"] != parted["d"]


def test_an_opening_without_words_is_held_to_no_floor() -> None:
    kpk = StoryArticle("a", "antaranews", "2017-08-29", None, TEGAL_KPK)
    bare = StoryArticle("b", "merdeka", "2017-08-29", None, "")
    together = _group([kpk, bare], [_unit(1, 0, 0, 0), _unit(1, 0.05, 0, 0)], wording_floor=0.25)
    assert together["a"] == together["b"]


def test_kept_stories_stay_when_wording_is_read() -> None:
    summons = StoryArticle("a", "antaranews", "2017-11-07", None, SETNOV_SUMMONS)
    memes = StoryArticle("b", "cnn indonesia", "2017-11-07", None, SETNOV_MEMES)
    vectors = np.stack([_unit(1, 0, 0, 0), _unit(1, 0.05, 0, 0)])
    kept = {"a": "s-old", "b": "s-old"}
    stories = group_stories([summons, memes], vectors, kept, wording_floor=0.25)
    assert stories == kept
