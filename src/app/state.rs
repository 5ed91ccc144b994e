//! The page's state as a pure reducer: what the page shows follows from these actions alone.

use std::rc::Rc;

use yew::Reducible;

use crate::report::{Report, Status};

#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Ready,
    Checking { file: String },
    Checked(Rc<Report>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub phase: Phase,
}

impl Default for State {
    fn default() -> Self {
        State {
            phase: Phase::Ready,
        }
    }
}

pub enum Action {
    Started(String),
    Finished(Report),
    Reset,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let phase = match action {
            Action::Started(file) => Phase::Checking { file },
            Action::Finished(report) => Phase::Checked(Rc::new(report)),
            Action::Reset => Phase::Ready,
        };
        Rc::new(State { phase })
    }
}

/// What the live region says when a check finishes.
pub fn announcement(report: &Report) -> String {
    match report.status {
        Status::Unreadable => format!("{} could not be checked.", report.file),
        Status::Pass => format!("{} was checked. No problems were found.", report.file),
        _ => format!(
            "{} was checked. {}.",
            report.file,
            crate::report::summary(report)
        ),
    }
}
