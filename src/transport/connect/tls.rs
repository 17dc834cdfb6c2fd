//! Trust and identity: the system's trust store (honouring `SSL_CERT_FILE`
//! and `SSL_CERT_DIR`, as curl does) plus `--cacert`, `-k`, and a client
//! certificate from `--cert`/`--key`. Files are read and checked before
//! anything is sent: a bad one is a usage error.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use anyhow::Result;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};

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

/// A TLS version rustls speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TlsVersion {
    V1_2,
    V1_3,
}

/// The versions a handshake may settle on (`--tlsv1.2`, `--tls-max`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TlsVersions {
    pub min: TlsVersion,
    pub max: TlsVersion,
}

impl Default for TlsVersions {
    fn default() -> TlsVersions {
        TlsVersions {
            min: TlsVersion::V1_2,
            max: TlsVersion::V1_3,
        }
    }
}

impl TlsVersions {
    /// The rustls versions from `min` to `max` (none when min is above
    /// max: the caller refuses that first).
    fn rustls(&self) -> Vec<&'static rustls::SupportedProtocolVersion> {
        let mut versions = Vec::new();
        if (self.min..=self.max).contains(&TlsVersion::V1_3) {
            versions.push(&rustls::version::TLS13);
        }
        if (self.min..=self.max).contains(&TlsVersion::V1_2) {
            versions.push(&rustls::version::TLS12);
        }
        versions
    }
}

/// A client certificate chain and its key.
struct Identity {
    chain: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
}

/// The files loaded and checked; the trust store itself is read only when
/// the first https connection needs it.
#[derive(Clone)]
pub struct Tls {
    insecure: bool,
    extra_roots: Vec<CertificateDer<'static>>,
    identity: Option<Arc<Identity>>,
    versions: TlsVersions,
    config: Arc<OnceLock<Arc<ClientConfig>>>,
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
            (Some(cert), Some(key)) => Some(Arc::new(identity(cert, key)?)),
            (None, None) => None,
            _ => return Err(usage("--cert and --key go together")),
        };
        Ok(Tls {
            insecure: options.insecure,
            extra_roots,
            identity,
            versions: TlsVersions::default(),
            config: Arc::default(),
        })
    }

    /// The same trust, for handshakes limited to `versions`.
    pub fn with_versions(self, versions: TlsVersions) -> Tls {
        Tls {
            versions,
            config: Arc::default(),
            ..self
        }
    }

    /// The rustls settings for https, built once: TLS 1.2 and 1.3 (or what
    /// `versions` keeps of them) with ring, SNI, ALPN `http/1.1` (ureq
    /// speaks nothing else).
    pub fn client_config(&self) -> Arc<ClientConfig> {
        self.config.get_or_init(|| Arc::new(self.build())).clone()
    }

    fn build(&self) -> ClientConfig {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = ClientConfig::builder_with_provider(provider.clone())
            .with_protocol_versions(&self.versions.rustls())
            .expect("ring supports every TLS version rustls has");
        let trust = Trust::new(self.insecure, &self.extra_roots, provider);
        let builder = builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(trust));
        let mut config = match &self.identity {
            Some(id) => builder
                .with_client_auth_cert(id.chain.clone(), id.key.clone_key())
                // `identity` checked the pair with this same provider.
                .expect("a checked client certificate"),
            None => builder.with_no_client_auth(),
        };
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        config
    }
}

/// The trust rules: the `--cacert` roots are tried first, and the system
/// store (read, with every certificate in it parsed, only when needed) is
/// tried when they do not vouch for the chain. Trusting either set is
/// trusting their union, as the contract says, but a server that a
/// `--cacert` vouches for costs no read of the system store: that read is
/// most of what a small https request costs.
///
/// With `-k` any certificate is accepted, but the handshake's signatures
/// are still checked, so the connection is at least to the key that
/// signed.
#[derive(Debug)]
struct Trust {
    insecure: bool,
    given: Option<Arc<WebPkiServerVerifier>>,
    system: OnceLock<Option<Arc<WebPkiServerVerifier>>>,
    provider: Arc<CryptoProvider>,
}

impl Trust {
    fn new(
        insecure: bool,
        given: &[CertificateDer<'static>],
        provider: Arc<CryptoProvider>,
    ) -> Trust {
        let given = (!given.is_empty() && !insecure).then(|| {
            let mut store = RootCertStore::empty();
            store.add_parsable_certificates(given.iter().cloned());
            verifier(store, &provider)
        });
        Trust {
            insecure,
            given: given.flatten(),
            system: OnceLock::new(),
            provider,
        }
    }

    fn system(&self) -> Option<&Arc<WebPkiServerVerifier>> {
        self.system
            .get_or_init(|| {
                // rustls-native-certs reads SSL_CERT_FILE / SSL_CERT_DIR when
                // set, else the system store (/etc/ssl/certs on Debian).
                // Unreadable entries are skipped, as curl skips them.
                let native = rustls_native_certs::load_native_certs().certs;
                let mut store = RootCertStore::empty();
                match (native.is_empty(), self.given.is_some()) {
                    // No system store at all, and no --cacert: the bundled
                    // Mozilla roots.
                    (true, false) => store.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
                    (true, true) => return None,
                    (false, _) => {
                        store.add_parsable_certificates(native);
                    }
                }
                verifier(store, &self.provider)
            })
            .as_ref()
    }
}

fn verifier(
    store: RootCertStore,
    provider: &Arc<CryptoProvider>,
) -> Option<Arc<WebPkiServerVerifier>> {
    WebPkiServerVerifier::builder_with_provider(Arc::new(store), provider.clone())
        .build()
        .ok()
}

impl ServerCertVerifier for Trust {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if self.insecure {
            return Ok(ServerCertVerified::assertion());
        }
        let unknown = rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer);
        if let Some(given) = &self.given {
            match given.verify_server_cert(end_entity, intermediates, name, ocsp, now) {
                Err(e) if e == unknown => {}
                other => return other,
            }
        }
        match self.system() {
            Some(system) => system.verify_server_cert(end_entity, intermediates, name, ocsp, now),
            None => Err(unknown),
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

fn certificates(path: &Path, flag: &str) -> Result<Vec<CertificateDer<'static>>> {
    let pem = read_file_bytes(path, flag)?;
    CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| {
            usage(format!(
                "{flag}: '{}' is not valid PEM: {e}",
                path.display()
            ))
        })
}

/// `--cert` and `--key`: the key may be PKCS#8, PKCS#1 or SEC1, in either
/// file; it must belong to the first certificate.
fn identity(cert_path: &Path, key_path: &Path) -> Result<Identity> {
    let chain = certificates(cert_path, "--cert")?;
    if chain.is_empty() {
        return Err(usage(format!(
            "--cert: '{}' holds no PEM certificate",
            cert_path.display()
        )));
    }
    let pem = read_file_bytes(key_path, "--key")?;
    let key = PrivateKeyDer::from_pem_slice(&pem).map_err(|_| {
        usage(format!(
            "--key: '{}' holds no PEM private key (PKCS#8, PKCS#1 or SEC1)",
            key_path.display()
        ))
    })?;
    check_pair(&chain[0], key.clone_key()).map_err(|why| {
        ExitError::usage(format!(
            "--cert/--key: the key in '{}' does not fit the certificate in '{}': {why}",
            key_path.display(),
            cert_path.display()
        ))
    })?;
    Ok(Identity { chain, key })
}

/// rustls loads the key and compares its public half with the
/// certificate's.
fn check_pair(cert: &CertificateDer<'static>, key: PrivateKeyDer<'static>) -> Result<(), String> {
    let provider = rustls::crypto::ring::default_provider();
    rustls::sign::CertifiedKey::from_der(vec![cert.clone()], key, &provider)
        .map(|_| ())
        .map_err(|e| match e {
            rustls::Error::InconsistentKeys(_) => "they are not a pair".to_string(),
            other => other.to_string(),
        })
}
