//! Trust and identity: the system's trust store (honouring `SSL_CERT_FILE`
//! and `SSL_CERT_DIR`, as curl does) plus `--cacert`, `-k`, and a client
//! certificate from `--cert`/`--key`. Files are read and checked before
//! anything is sent: a bad one is a usage error.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use anyhow::Result;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
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
            config: Arc::default(),
        })
    }

    /// The rustls settings for https, built once: TLS 1.2 and 1.3 with
    /// ring, SNI, ALPN `http/1.1` (ureq speaks nothing else).
    pub fn client_config(&self) -> Arc<ClientConfig> {
        self.config.get_or_init(|| Arc::new(self.build())).clone()
    }

    fn build(&self) -> ClientConfig {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = ClientConfig::builder_with_provider(provider.clone())
            .with_protocol_versions(rustls::ALL_VERSIONS)
            .expect("ring supports every TLS version rustls has");
        let builder = match self.insecure {
            true => builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(NoVerification(provider))),
            false => builder.with_root_certificates(self.roots()),
        };
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

    fn roots(&self) -> RootCertStore {
        // rustls-native-certs reads SSL_CERT_FILE / SSL_CERT_DIR when set,
        // else the system store (/etc/ssl/certs on Debian). Unreadable
        // entries are skipped, as curl skips them.
        let native = rustls_native_certs::load_native_certs().certs;
        let mut store = RootCertStore::empty();
        if native.is_empty() && self.extra_roots.is_empty() {
            // No system store at all: the bundled Mozilla roots.
            store.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
            return store;
        }
        store.add_parsable_certificates(native);
        store.add_parsable_certificates(self.extra_roots.iter().cloned());
        store
    }
}

/// `-k`: any certificate is accepted, but the handshake's signatures are
/// still checked, so the connection is at least to the key that signed.
#[derive(Debug)]
struct NoVerification(Arc<rustls::crypto::CryptoProvider>);

impl ServerCertVerifier for NoVerification {
    fn verify_server_cert(
        &self,
        _: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
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
            &self.0.signature_verification_algorithms,
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
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
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
