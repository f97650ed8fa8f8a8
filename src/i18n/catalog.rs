//! The catalog files, compiled in. A test fails when a file in `locales/`
//! is missing here, so a translator's new file cannot be left out.

use super::Lang;

/// Each language's files, by name.
pub const FILES: &[(Lang, &[(&str, &str)])] = &[
    (
        Lang::En,
        &[
            ("cli.ftl", include_str!("../../locales/en/cli.ftl")),
            (
                "commands.ftl",
                include_str!("../../locales/en/commands.ftl"),
            ),
            ("common.ftl", include_str!("../../locales/en/common.ftl")),
            ("errors.ftl", include_str!("../../locales/en/errors.ftl")),
            ("llm.ftl", include_str!("../../locales/en/llm.ftl")),
            ("output.ftl", include_str!("../../locales/en/output.ftl")),
            ("pricing.ftl", include_str!("../../locales/en/pricing.ftl")),
        ],
    ),
    (
        Lang::Es,
        &[
            ("cli.ftl", include_str!("../../locales/es/cli.ftl")),
            (
                "commands.ftl",
                include_str!("../../locales/es/commands.ftl"),
            ),
            ("common.ftl", include_str!("../../locales/es/common.ftl")),
            ("errors.ftl", include_str!("../../locales/es/errors.ftl")),
            ("llm.ftl", include_str!("../../locales/es/llm.ftl")),
            ("output.ftl", include_str!("../../locales/es/output.ftl")),
            ("pricing.ftl", include_str!("../../locales/es/pricing.ftl")),
        ],
    ),
];

pub fn files(lang: Lang) -> &'static [(&'static str, &'static str)] {
    FILES
        .iter()
        .find(|(l, _)| *l == lang)
        .map(|(_, f)| *f)
        .expect("every language has its files")
}
