// ical.js (the parser inside Thunderbird) reads every calendar the writer
// produced. TZID is resolved only through the calendar's own VTIMEZONE, and
// each VEVENT's UTC start and end must equal the timetable's.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ICAL from 'ical.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const version = JSON.parse(fs.readFileSync(
  path.join(here, 'node_modules', 'ical.js', 'package.json'), 'utf8')).version;
const REQUIRED = ['uid', 'dtstamp', 'dtstart', 'dtend', 'summary', 'sequence',
                  'last-modified', 'status', 'organizer'];

const folder = process.argv[2];
const expected = JSON.parse(fs.readFileSync(path.join(folder, 'expected.json'), 'utf8'));
let failures = 0;
let checked = 0;

function fail(message) {
  console.log(`not ok: ${message}`);
  failures++;
}

for (const entry of expected.files) {
  const text = fs.readFileSync(path.join(folder, entry.name), 'utf8');
  const cal = new ICAL.Component(ICAL.parse(text));
  if (cal.getFirstPropertyValue('method') !== 'PUBLISH')
    fail(`${entry.name}: METHOD is not PUBLISH`);
  for (const key of ['prodid', 'version', 'calscale', 'name', 'x-wr-calname',
                     'refresh-interval', 'x-published-ttl'])
    if (!cal.hasProperty(key))
      fail(`${entry.name}: no ${key.toUpperCase()}`);

  const zones = {};
  for (const vtz of cal.getAllSubcomponents('vtimezone')) {
    const zone = new ICAL.Timezone(vtz);
    zones[zone.tzid] = zone;
  }
  if (entry.timezone !== 'UTC' && Object.keys(zones).join() !== entry.timezone)
    fail(`${entry.name}: VTIMEZONE TZIDs ${Object.keys(zones)} instead of ${entry.timezone}`);

  const toUnix = (prop) => {
    const time = prop.getFirstValue();
    const tzid = prop.getParameter('tzid');
    if (tzid) {
      if (!zones[tzid])
        throw new Error(`no VTIMEZONE for TZID ${tzid}`);
      time.zone = zones[tzid];
    } else if (time.zone !== ICAL.Timezone.utcTimezone) {
      throw new Error('a floating time');
    }
    return time.toUnixTime();
  };

  const events = new Map();
  for (const ve of cal.getAllSubcomponents('vevent'))
    events.set(ve.getFirstPropertyValue('uid'), ve);
  const want = new Map(entry.events.map((e) => [e.uid, e]));
  const same = events.size === want.size && [...want.keys()].every((u) => events.has(u));
  if (!same) {
    fail(`${entry.name}: UIDs ${[...events.keys()].sort()} != ${[...want.keys()].sort()}`);
    continue;
  }
  for (const [uid, e] of want) {
    const ve = events.get(uid);
    const problems = REQUIRED.filter((k) => ve.getAllProperties(k).length !== 1);
    if (ve.hasProperty('attendee'))
      problems.push('has ATTENDEE');
    try {
      const got = [toUnix(ve.getFirstProperty('dtstart')), toUnix(ve.getFirstProperty('dtend')),
                   ve.getFirstPropertyValue('summary'), ve.getFirstPropertyValue('status'),
                   ve.getFirstPropertyValue('sequence')];
      const exp = [e.start, e.end, e.summary, e.status, e.sequence];
      if (JSON.stringify(got) !== JSON.stringify(exp))
        problems.push(`got ${JSON.stringify(got)}, expected ${JSON.stringify(exp)}`);
    } catch (err) {
      problems.push(err.message);
    }
    if (problems.length)
      fail(`${entry.name} ${uid}: ${problems.join('; ')}`);
    checked++;
  }
  if (entry.description_contains !== undefined) {
    const found = [...events.values()].some(
      (ve) => (ve.getFirstPropertyValue('description') || '').includes(entry.description_contains));
    if (!found)
      fail(`${entry.name}: no DESCRIPTION holds the expected text`);
  }
}

console.log(`ical.js ${version}: ${checked} events in ${expected.files.length} files, ` +
            `${failures} failures`);
process.exit(failures || checked === 0 ? 1 : 0);
