//! Family C's common parameters as seed 003 ties them to the app: `platid` names the platform
//! (1 Android, 2 iOS), `vercode` is the app's version code and `channel` the distribution
//! channel (iOS's is `0ASE`). A pure function of the OS, so every platform's values are tested
//! on any machine.

/// The OS family C's parameters tell apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetOs {
    Android,
    Ios,
    /// Windows, macOS and Linux: the seed names no platform id for them.
    Desktop,
}

/// Seed 003's `platid`: "1代表…Android版本".
pub const ANDROID_PLATID: &str = "1";
/// Seed 003's `platid`: "2代表…IOS版本".
pub const IOS_PLATID: &str = "2";
/// The seed's example value, for a desktop app the seed has no id for.
pub const DESKTOP_PLATID: &str = "2015100011";
/// Seed 003's `channel`: "IOS的指定为0ASE".
pub const IOS_CHANNEL: &str = "0ASE";
/// Android "has several channels" (seed 003) and names none; the seed's example `1CWR` is the
/// app's own until a store's channel is set per environment.
pub const ANDROID_CHANNEL: &str = "1CWR";
/// The seed's example channel, for desktop builds.
pub const DESKTOP_CHANNEL: &str = "1CWR";
/// The version code when the version cannot be read (the seed's example `vercode`).
const FALLBACK_VERCODE: u32 = 1;

/// Family C's common parameters for one platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannerCommon {
    pub platid: String,
    pub vercode: u32,
    pub channel: String,
}

impl PlannerCommon {
    /// What `os` sends when the environment overrides nothing; `version` is the app's
    /// (`CARGO_PKG_VERSION`).
    pub fn of_platform(os: TargetOs, version: &str) -> Self {
        let (platid, channel) = match os {
            TargetOs::Android => (ANDROID_PLATID, ANDROID_CHANNEL),
            TargetOs::Ios => (IOS_PLATID, IOS_CHANNEL),
            TargetOs::Desktop => (DESKTOP_PLATID, DESKTOP_CHANNEL),
        };
        Self {
            platid: platid.to_owned(),
            vercode: version_code(version).unwrap_or(FALLBACK_VERCODE),
            channel: channel.to_owned(),
        }
    }
}

/// The version code of a `major.minor.patch` version: major × 10000 + minor × 100 + patch
/// (0.1.0 → 100, 1.2.3 → 10203), so every release counts up while minor and patch stay under
/// 100. A pre-release or build suffix (`-rc.1`, `+abc`) is ignored.
pub fn version_code(version: &str) -> Option<u32> {
    let core = version.split(['-', '+']).next()?;
    let mut parts = core.split('.').map(|part| part.parse::<u32>().ok());
    let (major, minor, patch) = (parts.next()??, parts.next()??, parts.next()??);
    if parts.next().is_some() || minor >= 100 || patch >= 100 {
        return None;
    }
    major.checked_mul(10_000)?.checked_add(minor * 100 + patch)
}

#[cfg(test)]
mod tests {
    use super::{PlannerCommon, TargetOs, version_code};

    #[test]
    fn each_platform_sends_its_own_platid_and_channel() {
        let android = PlannerCommon::of_platform(TargetOs::Android, "0.1.0");
        assert_eq!(
            (
                android.platid.as_str(),
                android.vercode,
                android.channel.as_str()
            ),
            ("1", 100, "1CWR")
        );
        let ios = PlannerCommon::of_platform(TargetOs::Ios, "0.1.0");
        assert_eq!(
            (ios.platid.as_str(), ios.vercode, ios.channel.as_str()),
            ("2", 100, "0ASE")
        );
        let desktop = PlannerCommon::of_platform(TargetOs::Desktop, "1.2.3");
        assert_eq!(
            (
                desktop.platid.as_str(),
                desktop.vercode,
                desktop.channel.as_str()
            ),
            ("2015100011", 10203, "1CWR")
        );
    }

    #[test]
    fn the_version_code_counts_up_with_the_version() {
        assert_eq!(version_code("0.1.0"), Some(100));
        assert_eq!(version_code("1.2.3"), Some(10203));
        assert_eq!(version_code("2.0.0-rc.1"), Some(20000));
        assert_eq!(version_code("0.10.99+build"), Some(1099));
        assert_eq!(version_code("0.100.0"), None, "minor must stay under 100");
        assert_eq!(version_code("1.2"), None);
        assert_eq!(version_code("1.2.3.4"), None);
        assert_eq!(version_code("one"), None);
        assert_eq!(
            PlannerCommon::of_platform(TargetOs::Desktop, "x").vercode,
            1
        );
    }
}
