//! The only module that imports ureq.
