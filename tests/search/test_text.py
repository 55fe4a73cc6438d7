from search import highlight, text


def test_traditional_and_full_width_input_is_normalised():
    assert text.normalise("謠言") == "谣言"
    assert text.normalise("ＡＢＣ　５Ｇ") == "abc 5g"
    assert text.normalise("網傳\x00塑膠\u200b大米\n") == "网传塑胶大米"


def test_search_mode_indexes_the_words_inside_longer_words():
    terms = text.index_terms("中华人民共和国成立").split()
    assert {"中华人民共和国", "人民", "共和国", "成立"} <= set(terms)


def test_query_words_drop_punctuation_and_stop_words():
    assert text.words("网传塑料大米流入市场，是真的吗？") == ["网传", "塑料大米", "流入", "市场"]
    assert text.words("!!!？？？") == []
    assert text.words("😀") == []


def test_shipped_user_dictionary_keeps_debunk_vocabulary_whole():
    assert "网信办" in text.words("县网信办发布辟谣")
    assert "核酸检测" in text.words("核酸检测结果")


def test_query_syntax_never_survives_into_a_term():
    for query in ['"a" OR b*', "title:(x)", "a AND NOT b", "\\", "'; DROP TABLE"]:
        for term in text.words(query) + text.index_terms(query).split():
            assert not set(term) & set("\"'()*:\\;"), term


def test_a_long_message_is_prepared_as_key_terms():
    message = (
        "紧急扩散！朋友圈都在转，市场上出现塑料大米，煮不烂还能拉丝，"
        "家里有老人孩子的千万注意，赶紧转给家人朋友！"
    )
    prepared = text.prepare_query(message)
    assert prepared.is_message
    assert "塑料大米" in prepared.key_terms
    assert not text.prepare_query("塑料大米").is_message


def test_fold_chars_keeps_length_for_highlighting():
    original = "網傳喝熱檸檬水，ＡＢＣ"
    assert len(text.fold_chars(original)) == len(original)
    assert text.fold_chars(original).startswith("网传喝热柠檬水，")


def test_highlight_marks_simplified_terms_on_traditional_text():
    html = highlight.highlight("網傳喝熱檸檬水可以殺死癌細胞", ["柠檬水", "癌细胞"])
    assert html == "網傳喝熱<mark>檸檬水</mark>可以殺死<mark>癌細胞</mark>"


def test_highlight_escapes_html():
    assert highlight.highlight("<b>谣言</b>", ["谣言"]) == "&lt;b&gt;<mark>谣言</mark>&lt;/b&gt;"


def test_snippet_centres_on_the_terms():
    body = "无关内容。" * 40 + "塑料大米是陈米受潮所致。" + "其他内容。" * 40
    snippet = highlight.snippet(body, ["塑料大米"], length=60)
    assert "<mark>塑料大米</mark>" in snippet
    assert snippet.startswith("…") and snippet.endswith("…")


def test_engine_fragment_maps_back_to_the_original():
    original = "網傳喝熱檸檬水可以殺死癌細胞"
    fragment = text.fold_chars(original)[2:].replace("柠檬水", "<em>柠</em><em>檬</em><em>水</em>")
    assert highlight.from_fragment(original, fragment) == "…喝熱<mark>檸檬水</mark>可以殺死癌細胞"
