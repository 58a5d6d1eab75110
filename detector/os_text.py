"""Why the operating system refused a file operation, in both languages (OSError.strerror is English only)."""

from __future__ import annotations

import errno

from detector.text import Text

_ZH = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "不允许该操作",
    errno.EISDIR: "是文件夹，不是文件",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EEXIST: "已经存在",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "文件系统是只读的",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EIO: "读写出错",
}


def os_reason(exc: OSError) -> Text:
    """The reason of `exc`: its strerror in English, a Chinese sentence for the common errno values."""
    en = exc.strerror or type(exc).__name__
    return Text(en=en, zh=_ZH.get(exc.errno, f"系统错误 {exc.errno}" if exc.errno else "系统错误"))
