import re

from core.uploads import UnguessablePath


def test_the_senders_file_name_gives_way_to_a_random_one_in_a_month_folder():
    upload_to = UnguessablePath("tips")

    first = upload_to(None, "张三 手机号 13800000000.JPEG")
    second = upload_to(None, "张三 手机号 13800000000.JPEG")

    assert re.fullmatch(r"tips/\d{4}/\d{2}/[0-9a-f]{32}\.jpeg", first)
    assert first != second


def test_migrations_see_the_same_path_as_unchanged():
    assert UnguessablePath("tips") == UnguessablePath("tips")
    assert UnguessablePath("tips") != UnguessablePath("campaign-submissions")
    assert UnguessablePath("tips").deconstruct() == ("core.uploads.UnguessablePath", ("tips",), {})
