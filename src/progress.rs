//! Progress reporting as a callback: the library says which stage it is in
//! and how many items of a long loop are done; a front end (the command
//! line's spinners and bars, a notebook, nothing) decides what to show.

/// Receives progress from long calculations. Every method has a default
/// that does nothing, so an implementation picks what it shows.
pub trait Progress: Sync {
    /// A new stage has started (e.g. "diagonalising 2781×2781").
    fn stage(&self, _name: &str) {}
    /// `done` of `total` items of the current loop are finished.
    fn items(&self, _done: u64, _total: u64) {}
}

/// Shows nothing.
#[derive(Clone, Copy, Debug, Default)]
pub struct Silent;

impl Progress for Silent {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    struct Record(Mutex<Vec<String>>);
    impl Progress for Record {
        fn stage(&self, name: &str) {
            self.0.lock().unwrap().push(name.to_string());
        }
    }

    #[test]
    fn a_front_end_receives_the_stages() {
        let r = Record(Mutex::new(Vec::new()));
        let p: &dyn Progress = &r;
        p.stage("one");
        p.items(1, 2);
        Silent.stage("ignored");
        assert_eq!(*r.0.lock().unwrap(), ["one"]);
    }
}
