"""Uploading through wagtailmedia's admin: checked by ffprobe, probed by the background task."""

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Collection

import pytest
from PIL import Image

from video.demo import make_test_pattern
from video.models import ProbeStatus, VideoMedia

pytestmark = pytest.mark.django_db

ADD_URL = reverse("wagtailmedia:add", args=("video",))


def upload(client, path, *, title="辟谣视频", name=None):
    data = {
        "title": title,
        "file": SimpleUploadedFile(name or path.name, path.read_bytes(), "video/mp4"),
        "collection": Collection.get_first_root_node().pk,
        "tags": "",
    }
    return client.post(ADD_URL, data)


def stored_files(media_root):
    return [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


def test_upload_is_probed_and_gets_a_poster(admin_client, clip, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = upload(admin_client, clip)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert len(callbacks) == 1  # one probe task enqueued after commit
    media = VideoMedia.objects.get()
    assert media.probe_status == ProbeStatus.DONE
    assert media.duration == pytest.approx(4.0, abs=0.1)
    assert (media.width, media.height) == (320, 180)
    assert (media.video_codec, media.audio_codec) == ("h264", "aac")
    assert media.file_size == clip.stat().st_size
    assert media.thumbnail.name.endswith(".jpg") and media.poster_generated
    assert media.probed_file == media.file.name


def test_admin_edit_page_shows_the_probe_results(admin_client, clip, make_media):
    media = make_media(clip)

    html = admin_client.get(reverse("wagtailmedia:edit", args=(media.pk,))).content.decode()

    assert "已分析" in html
    assert "0:04" in html
    assert "320×180" in html
    assert "h264 / aac" in html
    assert "封面（系统截取）" in html


def test_an_editor_poster_is_kept(clip, make_media):
    media = make_media(clip, thumbnail=ContentFile(b"\xff\xd8\xff", name="mine.jpg"))

    assert media.probe_status == ProbeStatus.DONE
    assert "mine" in media.thumbnail.name
    assert not media.poster_generated


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("text_as_mp4", "这不是可播放的视频文件"),
        ("truncated_clip", "视频文件不完整或已损坏"),
        ("empty_mp4", "文件是空的（0 字节）"),
    ],
)
def test_unplayable_uploads_are_rejected_and_nothing_is_stored(
    admin_client, request, fixture, message, media_root, django_capture_on_commit_callbacks
):
    path = request.getfixturevalue(fixture)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = upload(admin_client, path)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not VideoMedia.objects.exists()
    assert callbacks == []
    assert stored_files(media_root) == []


def test_a_playlist_renamed_to_mp4_is_refused_without_being_followed(
    admin_client, clip_dir, media_root
):
    playlist = clip_dir / "playlist.mp4"
    playlist.write_bytes(b"#EXTM3U\n#EXTINF:4,\nfile:///etc/passwd\n")

    response = upload(admin_client, playlist)

    assert response.status_code == 200
    assert "无法识别这个文件：这不是可播放的视频文件" in response.content.decode()
    assert not VideoMedia.objects.exists()
    assert stored_files(media_root) == []


def test_a_stored_file_that_is_not_a_video_is_marked_failed_by_the_task(text_as_mp4, make_media):
    media = make_media(text_as_mp4)

    assert media.probe_status == ProbeStatus.FAILED
    assert "这不是可播放的视频文件" in media.probe_message


def test_upload_over_the_size_limit_is_rejected(admin_client, clip, settings, media_root):
    settings.VIDEO_MAX_UPLOAD_SIZE = 10 * 1024

    response = upload(admin_client, clip)

    html = response.content.decode().replace("\xa0", " ")  # filesizeformat's no-break space
    assert response.status_code == 200
    assert "文件过大（" in html and "上传上限为 10.0 KB" in html
    assert not VideoMedia.objects.exists()
    assert stored_files(media_root) == []


def test_wrong_extension_is_rejected_before_probing(admin_client, text_as_mp4):
    response = upload(admin_client, text_as_mp4, name="notes.txt")
    assert response.status_code == 200
    assert (
        "不支持的文件类型“.txt”，请上传 M4V、MOV、MP4、WEBM 格式的文件" in response.content.decode()
    )
    assert not VideoMedia.objects.exists()


def test_a_file_broken_after_upload_is_marked_failed_by_the_task(truncated_clip, make_media):
    # Files stored without the form (imports, a storage fault) are still checked by the task.
    media = make_media(truncated_clip)

    assert media.probe_status == ProbeStatus.FAILED
    assert "不完整或已损坏" in media.probe_message
    assert not media.thumbnail


def test_replacing_the_file_probes_again_and_replaces_a_generated_poster(
    clip, clip_dir, make_media, django_capture_on_commit_callbacks
):
    media = make_media(clip)
    smaller = make_test_pattern(clip_dir / "smaller.mp4", seconds=2, size="160x90")

    with django_capture_on_commit_callbacks(execute=True), smaller.open("rb") as handle:
        media.file.save("smaller.mp4", File(handle), save=False)
        media.save()

    media.refresh_from_db()
    assert (media.width, media.height) == (160, 90)
    assert media.duration == pytest.approx(2.0, abs=0.1)
    with media.thumbnail.open() as poster:
        assert Image.open(poster).size == (160, 90)  # a frame of the new file


def test_editors_may_upload_videos_and_reviewers_may_not(client, django_user_model):
    from django.contrib.auth.models import Group

    editor = django_user_model.objects.create_user("editor", password="x")
    editor.groups.add(Group.objects.get(name="编辑"))
    reviewer = django_user_model.objects.create_user("reviewer", password="x")
    reviewer.groups.add(Group.objects.get(name="审核"))

    client.force_login(editor)
    assert client.get(ADD_URL).status_code == 200
    client.force_login(reviewer)
    assert client.get(ADD_URL).status_code == 302  # sent away with "permission denied"
