//! SIGINT, SIGTERM and SIGHUP in the middle of a download: the temporary
//! `-o` file is removed (an interrupted 10 GB download left 10 GB of hidden
//! litter), the progress bar is cleared, and httpc ends by the same signal,
//! so the shell sees 130, 143 or 129 as from any program. signal-hook runs
//! the handler on a thread of its own, where removing files is safe.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The temporary files to remove if a signal ends the run.
static TEMPORARY: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes `path` if a signal ends httpc while this lives.
pub struct Guard {
    path: PathBuf,
}

impl Guard {
    pub fn new(path: &Path) -> Guard {
        install();
        lock().push(path.to_path_buf());
        Guard {
            path: path.to_path_buf(),
        }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        lock().retain(|p| *p != self.path);
    }
}

fn lock() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    // A panic elsewhere must not keep the files from being removed.
    TEMPORARY.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(unix)]
fn install() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                for path in lock().iter() {
                    let _ = std::fs::remove_file(path);
                }
                crate::output::progress::clear_after_signal();
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                // Not reached: the default action ends the process.
                std::process::exit(128 + signal);
            }
        });
    });
}

#[cfg(not(unix))]
fn install() {}
