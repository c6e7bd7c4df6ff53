import Foundation

/// Calendar arithmetic in the proleptic Gregorian calendar with astronomical year numbering (year 0 is 1 BC),
/// the calendar of ISO 8601, XML Schema and OData.
///
/// Foundation's Gregorian `Calendar` switches to the Julian calendar before 15 October 1582, so the runtime does
/// this arithmetic itself: the same text always means the same instant.
enum ProlepticGregorian {
    /// Seconds in a day.
    static let secondsPerDay = 86_400

    /// Seconds from 1970-01-01T00:00:00Z to 2001-01-01T00:00:00Z, Foundation's reference date.
    static let referenceDateOffset = 978_307_200

    /// Whether `year` is a leap year.
    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in `month` (1-12) of `year`.
    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// English month names, for messages.
    static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    /// Days from 1970-01-01 to the given date (negative before it). Howard Hinnant's `days_from_civil`.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` days after 1970-01-01. Howard Hinnant's `civil_from_days`.
    static func civil(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// Seconds from 0001-01-01T00:00:00Z to 1970-01-01T00:00:00Z, negated: the earliest instant `split` returns.
    static let earliestSecond = daysSinceEpoch(year: 1, month: 1, day: 1) * secondsPerDay
    /// The last second of 9999-12-31 UTC: the latest instant `split` returns.
    static let latestSecond = daysSinceEpoch(year: 10_000, month: 1, day: 1) * secondsPerDay - 1

    /// Splits `date`, shifted by `offsetSeconds`, into whole days since 1970-01-01, the second of that day and a
    /// fraction in 100-nanosecond ticks (0..<10,000,000), rounded to the nearest tick.
    ///
    /// Dates outside 0001-01-01...9999-12-31 (in the shifted time) are clamped to that range, the range of .NET's
    /// `DateTimeOffset` and so of F&O; a NaN date becomes 1970-01-01.
    static func split(_ date: Date, offsetSeconds: Int) -> (days: Int, secondOfDay: Int, ticks: Int) {
        let sinceReference = date.timeIntervalSinceReferenceDate
        var whole: Int
        var ticks: Int
        if sinceReference.isNaN {
            whole = 0
            ticks = 0
        } else {
            let low = Double(earliestSecond - referenceDateOffset - 86_400)
            let high = Double(latestSecond - referenceDateOffset + 86_400)
            let clamped = min(max(sinceReference, low), high)
            let floorSeconds = clamped.rounded(.down)
            whole = Int(floorSeconds) + referenceDateOffset
            ticks = Int(((clamped - floorSeconds) * 10_000_000).rounded())
            if ticks >= 10_000_000 {
                whole += 1
                ticks -= 10_000_000
            }
        }
        whole += offsetSeconds
        if whole < earliestSecond {
            whole = earliestSecond
            ticks = 0
        } else if whole > latestSecond {
            whole = latestSecond
            ticks = 9_999_999
        }
        let days = floorDivide(whole, secondsPerDay)
        return (days, whole - days * secondsPerDay, ticks)
    }

    /// Division rounding toward negative infinity.
    static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    /// A `Date` from whole seconds since 1970 and a fraction given as digits, computed from the reference date
    /// for the best `Double` precision.
    static func date(epochSecond: Int, fraction: String) -> Date {
        let fractionValue = fraction.isEmpty ? 0 : (Double("0." + fraction) ?? 0)
        return Date(timeIntervalSinceReferenceDate: Double(epochSecond - referenceDateOffset) + fractionValue)
    }
}
