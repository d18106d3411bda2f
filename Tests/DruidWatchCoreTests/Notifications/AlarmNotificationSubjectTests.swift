import DruidWatchCore
import Testing

extension NotificationTests {
    /// Subjects as CloudWatch writes them, never over 100 characters (counted as UTF-16
    /// units, see `AlarmNotificationSubject`).
    @Suite struct AlarmNotificationSubjectTests {
        @Test func shortNamesAreKeptWhole() throws {
            #expect(AlarmNotificationSubject.subject(try NotificationFixtures.change()) == #"ALARM: "cpu-high" in US East (N. Virginia)"#)
            #expect(AlarmNotificationSubject.subject(try NotificationFixtures.change(old: .alarm, new: .ok)) == #"OK: "cpu-high" in US East (N. Virginia)"#)
            #expect(AlarmNotificationSubject.subject(try NotificationFixtures.change(new: .insufficientData)) == #"INSUFFICIENT_DATA: "cpu-high" in US East (N. Virginia)"#)
        }

        @Test func longNamesAreCutWithDotsInsideTheQuotesToExactlyOneHundred() throws {
            let name = "SharedInfra-ProductionDatabaseStack-AuroraClusterDatabaseConnectionsHighAlarm-1A2B3C4D5E6F"
            let subject = AlarmNotificationSubject.subject(try NotificationFixtures.change(name: name, region: "eu-south-1"))
            #expect(subject.count == 100)
            #expect(subject.hasPrefix(#"ALARM: "SharedInfra-ProductionDatabaseStack-"#))
            #expect(subject.hasSuffix(#"..." in EU (Milan)"#))
            let kept = 100 - #"ALARM: "..." in EU (Milan)"#.count
            #expect(subject == #"ALARM: ""# + name.prefix(kept) + #"..." in EU (Milan)"#)
        }

        @Test func aNameThatJustFitsIsNotCut() {
            let head = #"ALARM: ""#, tail = #"" in EU (Milan)"#
            let name = String(repeating: "a", count: 100 - head.count - tail.count)
            let subject = AlarmNotificationSubject.subject(state: .alarm, alarmName: name, regionDisplayName: "EU (Milan)")
            #expect(subject == head + name + tail)
            #expect(subject.count == 100)
            let longer = AlarmNotificationSubject.subject(state: .alarm, alarmName: name + "b", regionDisplayName: "EU (Milan)")
            #expect(longer.count == 100 && longer.contains(#"aaa...""#))
        }

        @Test func multiByteNamesAreCountedInUTF16UnitsAndNeverSplit() {
            // "ä" is 1 unit (2 UTF-8 bytes), "🚨" is 2 units (a surrogate pair, 4 bytes).
            let umlauts = String(repeating: "ä", count: 200)
            let subject = AlarmNotificationSubject.subject(state: .alarm, alarmName: umlauts, regionDisplayName: "EU (Milan)")
            #expect(subject.utf16.count == 100 && subject.count == 100)
            #expect(subject.utf8.count > 100)

            let sirens = String(repeating: "🚨", count: 100)
            let cut = AlarmNotificationSubject.subject(state: .alarm, alarmName: sirens, regionDisplayName: "EU (Milan)")
            // 74 units for the name: 37 whole sirens, exactly 100 units again.
            #expect(cut.utf16.count == 100)
            #expect(cut == #"ALARM: ""# + String(repeating: "🚨", count: 37) + #"..." in EU (Milan)"#)

            // An odd budget cannot take half a surrogate pair: one unit short rather than broken.
            let odd = AlarmNotificationSubject.subject(state: .alarm, alarmName: "x" + sirens, regionDisplayName: "EU (Milan)")
            #expect(odd.utf16.count == 99)
            #expect(odd.unicodeScalars.allSatisfy { $0.value != 0xFFFD })
        }

        @Test func controlCharactersAndLineBreaksAreStripped() {
            let subject = AlarmNotificationSubject.subject(state: .alarm, alarmName: "cpu\nhigh\r\t\u{0}\u{2028}!", regionDisplayName: "US East (N. Virginia)")
            #expect(subject == #"ALARM: "cpuhigh!" in US East (N. Virginia)"#)
            let hasLineBreak = subject.contains { $0.isNewline }
            #expect(!hasLineBreak)
        }

        @Test func smsIsTheSubjectLineUncut() throws {
            let name = String(repeating: "n", count: 200)
            let change = try NotificationFixtures.change(name: name)
            #expect(AlarmNotificationSubject.sms(change) == #"ALARM: ""# + name + #"" in US East (N. Virginia)"#)
            #expect(AlarmNotificationSubject.sms(try NotificationFixtures.change()) == #"ALARM: "cpu-high" in US East (N. Virginia)"#)
        }
    }
}
