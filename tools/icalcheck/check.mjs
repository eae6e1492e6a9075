#!/usr/bin/env node
// Parses an iCalendar file with ical.js and prints its events as JSON:
//   [{uid, summary, location, description, status, sequence, start, end}]
// start and end are UTC ISO strings. Reads the file named by the first
// argument, or stdin when there is none. Exits 1 with a message on error.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function main() {
  const path = process.argv[2];
  const text = readFileSync(path ?? 0, "utf8");

  let jcal = ICAL.parse(text);
  // Several VCALENDARs in one input come back as an array of them.
  if (Array.isArray(jcal) && Array.isArray(jcal[0])) {
    if (jcal.length !== 1) {
      throw new Error(`expected one VCALENDAR, got ${jcal.length}`);
    }
    jcal = jcal[0];
  }
  const cal = new ICAL.Component(jcal);
  if (cal.name !== "vcalendar") {
    throw new Error(`expected VCALENDAR, got ${cal.name.toUpperCase()}`);
  }

  const events = cal.getAllSubcomponents("vevent").map((vevent) => {
    const ev = new ICAL.Event(vevent);
    return {
      uid: ev.uid,
      summary: ev.summary ?? null,
      location: ev.location ?? null,
      description: ev.description ?? null,
      status: vevent.getFirstPropertyValue("status") ?? null,
      sequence: ev.sequence,
      start: ev.startDate ? ev.startDate.toJSDate().toISOString() : null,
      end: ev.endDate ? ev.endDate.toJSDate().toISOString() : null,
    };
  });
  process.stdout.write(JSON.stringify(events, null, 2) + "\n");
}

try {
  main();
} catch (err) {
  process.stderr.write(`icalcheck: ${err && err.message ? err.message : err}\n`);
  process.exit(1);
}
