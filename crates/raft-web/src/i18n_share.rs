//! The words of sharing, embedding and exporting, in English and 中文 (the rest of the
//! interface is in `i18n.rs`).

use crate::i18n::Lang;

/// The fixed strings of the share panel and the embed.
#[allow(missing_docs)] // each field is named after what it labels
pub struct ShareTexts {
    pub bad_link: &'static str,
    /// Before why a link's moment could not be used (its run is shown from 0).
    pub bad_link_moment: &'static str,
    pub bad_pasted_link: &'static str,
    /// Before the reason an imported scenario file was refused.
    pub bad_file: &'static str,
    pub cannot_share: &'static str,
    pub no_leader: &'static str,
    pub share: &'static str,
    pub copy_link: &'static str,
    /// The picker of the language a copied link opens in.
    pub link_lang: &'static str,
    pub link_copied: &'static str,
    /// Said once a lesson's link is copied.
    pub lesson_link_copied: &'static str,
    pub copy_by_hand: &'static str,
    pub link: &'static str,
    pub info_title: &'static str,
    pub info_description: &'static str,
    pub save_info: &'static str,
    pub embed: &'static str,
    pub embed_width: &'static str,
    pub embed_height: &'static str,
    pub embed_autoplay: &'static str,
    /// Said before the page's speed, shown when it is not the default: the embed plays at it.
    pub embed_speed: &'static str,
    pub embed_log: &'static str,
    pub embed_lang: &'static str,
    pub embed_lang_reader: &'static str,
    pub embed_code: &'static str,
    pub copy_code: &'static str,
    pub code_copied: &'static str,
    pub export_svg: &'static str,
    /// The box beside Export SVG: the log table goes into the file too.
    pub export_svg_logs: &'static str,
    pub open_full: &'static str,
    pub frame_title: &'static str,
}

const EN: ShareTexts = ShareTexts {
    bad_link: "This link could not be opened, so the default cluster is shown:",
    bad_link_moment: "This link's moment could not be used, so its run is shown from time 0:",
    bad_pasted_link: "This link could not be opened, so the run is kept:",
    bad_file: "This scenario file could not be opened, so the run is kept:",
    cannot_share: "This run cannot be shared as a link; export the scenario file instead:",
    no_leader: "There is no leader right now.",
    share: "Share, embed, export",
    copy_link: "Copy link",
    link_lang: "Link opens in",
    link_copied: "Link copied. It opens this run at this moment, paused.",
    lesson_link_copied: "Link copied. It opens this lesson at this step.",
    copy_by_hand: "Copy this link:",
    link: "Link",
    info_title: "Title",
    info_description: "Description",
    save_info: "Save title and description",
    embed: "Embed in a page",
    embed_width: "Width (px)",
    embed_height: "Height (px)",
    embed_autoplay: "Start playing",
    embed_speed: "At this page's speed: ",
    embed_log: "Show the log table",
    embed_lang: "Language",
    embed_lang_reader: "The reader's own",
    embed_code: "Embed code",
    copy_code: "Copy code",
    code_copied: "Code copied.",
    export_svg: "Export SVG",
    export_svg_logs: "with the log table",
    open_full: "Open in the playground ↗",
    frame_title: "Raft playground",
};

const ZH: ShareTexts = ShareTexts {
    bad_link: "无法打开这个链接，因此显示默认集群：",
    bad_link_moment: "无法使用这个链接的时刻，因此从时刻 0 开始显示它的运行：",
    bad_pasted_link: "无法打开这个链接，当前运行保持不变：",
    bad_file: "无法打开这个场景文件，当前运行保持不变：",
    cannot_share: "这次运行无法作为链接分享，请改为导出场景文件：",
    no_leader: "现在没有领导者。",
    share: "分享、嵌入、导出",
    copy_link: "复制链接",
    link_lang: "链接语言",
    link_copied: "链接已复制。打开它会暂停在此刻的这次运行。",
    lesson_link_copied: "链接已复制。打开后会直接进入这一课的这一步。",
    copy_by_hand: "请复制这个链接：",
    link: "链接",
    info_title: "标题",
    info_description: "说明",
    save_info: "保存标题和说明",
    embed: "嵌入网页",
    embed_width: "宽度（像素）",
    embed_height: "高度（像素）",
    embed_autoplay: "自动播放",
    embed_speed: "按本页的速度：",
    embed_log: "显示日志表",
    embed_lang: "语言",
    embed_lang_reader: "跟随读者的设置",
    embed_code: "嵌入代码",
    copy_code: "复制代码",
    code_copied: "代码已复制。",
    export_svg: "导出 SVG",
    export_svg_logs: "包括日志表",
    open_full: "在演练场中打开 ↗",
    frame_title: "Raft 演练场",
};

impl Lang {
    /// The share panel's and the embed's strings in this language.
    pub fn share_texts(self) -> &'static ShareTexts {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }
}
