//! `waymark serve`: the live preview.

use std::path::PathBuf;

use crate::model::site::Audience;

use super::Printer;

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Port to listen on (the next free one is used if it is taken)
    #[arg(short, long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on; anything but loopback exposes the preview
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub bind: std::net::IpAddr,
    /// Serve under the path of this URL, as GitHub project pages do
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include drafts
    #[arg(long)]
    pub drafts: bool,
    /// Show private entries, clearly marked (never in `build`)
    #[arg(long)]
    pub private: bool,
    /// Open the site in a browser
    #[arg(long)]
    pub open: bool,
    /// Poll the file system instead of using native events (WSL2, VMs, network drives)
    #[arg(long)]
    pub poll: bool,
}

pub(super) fn run(printer: &Printer, root: PathBuf, args: ServeArgs) -> u8 {
    let opts = crate::serve::ServeOptions {
        root,
        bind: args.bind,
        port: args.port,
        base_url: args.base_url,
        audience: Audience {
            drafts: args.drafts,
            private: args.private,
        },
        open: args.open,
        poll: args.poll,
        quiet: printer.quiet,
    };
    let printer = *printer;
    crate::serve::run(opts, std::sync::Arc::new(move |d| printer.diagnostics(d)))
}
