//! Per-page limits: how many calls may wait for an answer at once, and how often a page may
//! open native pages. A page that loops on `openPage` must not bury the user in windows.
//! The shell keeps one `PageLimits` per loaded document and starts a fresh one on reload.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Calls of one page waiting for their answer at once.
pub const MAX_IN_FLIGHT: usize = 32;
/// `openPage` calls one page may make in any [`OPEN_PAGE_WINDOW`].
pub const MAX_OPEN_PAGE: usize = 5;
pub const OPEN_PAGE_WINDOW: Duration = Duration::from_secs(1);

#[derive(Debug)]
pub struct PageLimits {
    in_flight: Arc<AtomicUsize>,
    open_page: Rate,
}

impl Default for PageLimits {
    fn default() -> Self {
        Self {
            in_flight: Arc::default(),
            open_page: Rate::new(MAX_OPEN_PAGE, OPEN_PAGE_WINDOW),
        }
    }
}

/// Pages the H5 host hands to the system browser in any [`BROWSER_WINDOW`], whatever
/// document asks: a page that reloads itself must not open tab after tab.
pub const MAX_BROWSER_HANDOFFS: usize = 3;
pub const BROWSER_WINDOW: Duration = Duration::from_secs(10);

/// At most `max` events in any `window`.
#[derive(Debug)]
pub struct Rate {
    max: usize,
    window: Duration,
    /// When the last accepted events happened, oldest first.
    times: VecDeque<Instant>,
}

impl Rate {
    pub fn new(max: usize, window: Duration) -> Self {
        Self {
            max,
            window,
            times: VecDeque::new(),
        }
    }

    /// For the system browser's hand-offs: [`MAX_BROWSER_HANDOFFS`] per [`BROWSER_WINDOW`].
    pub fn browser_handoffs() -> Self {
        Self::new(MAX_BROWSER_HANDOFFS, BROWSER_WINDOW)
    }

    /// Records an event at `now`, or refuses it when `max` happened within the last `window`.
    /// `now` is a parameter so tests need no clock.
    pub fn allow(&mut self, now: Instant) -> bool {
        while let Some(&oldest) = self.times.front() {
            if now.saturating_duration_since(oldest) >= self.window {
                self.times.pop_front();
            } else {
                break;
            }
        }
        if self.times.len() >= self.max {
            return false;
        }
        self.times.push_back(now);
        true
    }
}

/// A call counted as in flight until this is dropped, which the shell does when it answers.
#[derive(Debug)]
pub struct InFlight {
    counter: Arc<AtomicUsize>,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.counter.fetch_sub(1, Ordering::AcqRel);
    }
}

impl PageLimits {
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts a call in, or `None` when the page already has [`MAX_IN_FLIGHT`] waiting.
    pub fn enter(&self) -> Option<InFlight> {
        self.in_flight
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |count| {
                (count < MAX_IN_FLIGHT).then_some(count + 1)
            })
            .ok()
            .map(|_| InFlight {
                counter: Arc::clone(&self.in_flight),
            })
    }

    pub fn in_flight(&self) -> usize {
        self.in_flight.load(Ordering::Acquire)
    }

    /// Records an `openPage` at `now`, or refuses it when the page made [`MAX_OPEN_PAGE`]
    /// within the last [`OPEN_PAGE_WINDOW`].
    pub fn allow_open_page(&mut self, now: Instant) -> bool {
        self.open_page.allow(now)
    }
}
