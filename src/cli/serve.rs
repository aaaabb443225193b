//! `waymark serve`: the live preview.

use std::path::PathBuf;

use crate::model::site::Audience;

use super::Printer;

#[derive(Debug, clap::Args)]
pub(crate) struct ServeArgs {
    /// Port to listen on (the next free one is used if it is taken)
    #[arg(short, long, default_value_t = 1111)]
    pub(crate) port: u16,
    /// Address to listen on; anything but loopback exposes the preview
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub(crate) bind: std::net::IpAddr,
    /// Serve under the path of this URL, as GitHub project pages do
    #[arg(long, value_name = "URL")]
    pub(crate) base_url: Option<String>,
    /// Include drafts
    #[arg(long)]
    pub(crate) drafts: bool,
    /// Show private entries, clearly marked (never in `build`)
    #[arg(long)]
    pub(crate) private: bool,
    /// Open the site in a browser
    #[arg(long)]
    pub(crate) open: bool,
    /// Poll the file system instead of using native events (WSL2, VMs, network drives)
    #[arg(long)]
    pub(crate) poll: bool,
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
            local: true,
        },
        open: args.open,
        poll: args.poll,
        quiet: printer.quiet,
    };
    let printer = *printer;
    crate::serve::run(opts, std::sync::Arc::new(move |d| printer.diagnostics(d)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Command, parse, try_parse};
    use clap::error::ErrorKind;
    use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

    fn serve_args(args: &[&str]) -> ServeArgs {
        match parse(args).command {
            Command::Serve(a) => a,
            other => panic!("{args:?} gave {other:?}"),
        }
    }

    #[test]
    fn serve_listens_on_loopback_port_1111_by_default() {
        let a = serve_args(&["serve"]);
        assert_eq!(a.port, 1111);
        assert_eq!(a.bind, IpAddr::V4(Ipv4Addr::LOCALHOST));
        assert_eq!(a.base_url, None);
        assert!(!(a.drafts || a.private || a.open || a.poll));
    }

    #[test]
    fn serve_takes_each_flag() {
        let a = serve_args(&[
            "serve",
            "--port",
            "0",
            "--poll",
            "--base-url",
            "https://alex.github.io/career/",
        ]);
        assert_eq!(a.port, 0);
        assert!(a.poll);
        assert_eq!(
            a.base_url.as_deref(),
            Some("https://alex.github.io/career/")
        );
        let a = serve_args(&["serve", "-p", "8080", "--drafts", "--private", "--open"]);
        assert_eq!(a.port, 8080);
        assert!(a.drafts && a.private && a.open && !a.poll);
        assert_eq!(
            serve_args(&["serve", "--bind", "0.0.0.0"]).bind,
            IpAddr::V4(Ipv4Addr::UNSPECIFIED)
        );
        assert_eq!(
            serve_args(&["serve", "--bind", "::1"]).bind,
            IpAddr::V6(Ipv6Addr::LOCALHOST)
        );
    }

    #[test]
    fn serve_refuses_a_port_or_address_that_is_not_one() {
        for args in [
            &["serve", "--port", "70000"][..],
            &["serve", "--port", "-1"],
            &["serve", "--port", "http"],
            &["serve", "--bind", "localhost"],
            &["serve", "--bind", "127.0.0.1:1111"],
        ] {
            let kind = try_parse(args).unwrap_err().kind();
            assert!(
                matches!(
                    kind,
                    ErrorKind::ValueValidation | ErrorKind::UnknownArgument
                ),
                "{args:?}: {kind:?}"
            );
        }
    }
}
