//! Trust and identity: the system's trust store (honouring `SSL_CERT_FILE`
//! and `SSL_CERT_DIR`, as curl does) plus `--cacert`, `-k`, and a client
//! certificate from `--cert`/`--key`. Files are read and checked before
//! anything is sent: a bad one is a usage error.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use anyhow::Result;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use ureq::tls::{Certificate, ClientCert, PemItem, PrivateKey, RootCerts, TlsConfig};

use crate::exit::{usage, ExitError};
use crate::files::read_file_bytes;

/// What the user asked for.
#[derive(Debug, Clone, Default)]
pub struct TlsOptions {
    pub insecure: bool,
    pub cacert: Option<PathBuf>,
    pub cert: Option<PathBuf>,
    pub key: Option<PathBuf>,
}

/// The files loaded and checked; the trust store itself is read only when
/// the first https connection needs it.
#[derive(Clone)]
pub struct Tls {
    insecure: bool,
    extra_roots: Vec<Certificate<'static>>,
    identity: Option<ClientCert>,
    config: Arc<OnceLock<TlsConfig>>,
}

impl Tls {
    pub fn load(options: &TlsOptions) -> Result<Tls> {
        let extra_roots = match &options.cacert {
            Some(path) => {
                let certs = certificates(path, "--cacert")?;
                if certs.is_empty() {
                    return Err(usage(format!(
                        "--cacert: '{}' holds no PEM certificate",
                        path.display()
                    )));
                }
                certs
            }
            None => Vec::new(),
        };
        let identity = match (&options.cert, &options.key) {
            (Some(cert), Some(key)) => Some(identity(cert, key)?),
            (None, None) => None,
            _ => return Err(usage("--cert and --key go together")),
        };
        Ok(Tls {
            insecure: options.insecure,
            extra_roots,
            identity,
            config: Arc::default(),
        })
    }

    /// The rustls settings for https, built once.
    pub fn config(&self) -> TlsConfig {
        self.config
            .get_or_init(|| {
                TlsConfig::builder()
                    .disable_verification(self.insecure)
                    .root_certs(self.roots())
                    .client_cert(self.identity.clone())
                    .build()
            })
            .clone()
    }

    fn roots(&self) -> RootCerts {
        if self.insecure {
            return RootCerts::WebPki;
        }
        // rustls-native-certs reads SSL_CERT_FILE / SSL_CERT_DIR when set,
        // else the system store (/etc/ssl/certs on Debian). Unreadable
        // entries are skipped, as curl skips them.
        let mut certs: Vec<Certificate<'static>> = rustls_native_certs::load_native_certs()
            .certs
            .iter()
            .map(|c| Certificate::from_der(c.as_ref()).to_owned())
            .collect();
        if certs.is_empty() && self.extra_roots.is_empty() {
            // No system store at all: the bundled Mozilla roots.
            return RootCerts::WebPki;
        }
        certs.extend(self.extra_roots.iter().cloned());
        RootCerts::new_with_certs(&certs)
    }
}

fn certificates(path: &Path, flag: &str) -> Result<Vec<Certificate<'static>>> {
    let pem = read_file_bytes(path, flag)?;
    let mut certs = Vec::new();
    for item in ureq::tls::parse_pem(&pem) {
        match item {
            Ok(PemItem::Certificate(c)) => certs.push(c),
            Ok(_) => {}
            Err(e) => {
                return Err(usage(format!(
                    "{flag}: '{}' is not valid PEM: {e}",
                    path.display()
                )))
            }
        }
    }
    Ok(certs)
}

/// `--cert` and `--key`: the key may be PKCS#8, PKCS#1 or SEC1, in either
/// file; it must belong to the first certificate.
fn identity(cert_path: &Path, key_path: &Path) -> Result<ClientCert> {
    let chain = certificates(cert_path, "--cert")?;
    if chain.is_empty() {
        return Err(usage(format!(
            "--cert: '{}' holds no PEM certificate",
            cert_path.display()
        )));
    }
    let pem = read_file_bytes(key_path, "--key")?;
    let no_key = || {
        usage(format!(
            "--key: '{}' holds no PEM private key (PKCS#8, PKCS#1 or SEC1)",
            key_path.display()
        ))
    };
    let key = PrivateKey::from_pem(&pem).map_err(|_| no_key())?;
    let key_der = PrivateKeyDer::from_pem_slice(&pem).map_err(|_| no_key())?;
    check_pair(&chain[0], key_der).map_err(|why| {
        ExitError::usage(format!(
            "--cert/--key: the key in '{}' does not fit the certificate in '{}': {why}",
            key_path.display(),
            cert_path.display()
        ))
    })?;
    Ok(ClientCert::new_with_certs(&chain, key))
}

/// rustls loads the key and compares its public half with the
/// certificate's.
fn check_pair(cert: &Certificate, key_der: PrivateKeyDer<'static>) -> Result<(), String> {
    let provider = rustls::crypto::ring::default_provider();
    let chain = vec![CertificateDer::from(cert.der().to_vec())];
    rustls::sign::CertifiedKey::from_der(chain, key_der, &provider)
        .map(|_| ())
        .map_err(|e| match e {
            rustls::Error::InconsistentKeys(_) => "they are not a pair".to_string(),
            other => other.to_string(),
        })
}
