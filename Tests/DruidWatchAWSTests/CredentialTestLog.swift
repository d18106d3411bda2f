import DruidWatchTestSupport

/// What the credential tests log into (they check that no secret is ever logged).
typealias CredentialTestLog = RecordingLog
