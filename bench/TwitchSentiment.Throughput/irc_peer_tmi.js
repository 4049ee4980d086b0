// The IRC side's peer for `irc FILE --tmi DIR`: tmi.js's own parser over the same lines, doing what our harness
// does per line: parse, every tag value unescaped, the emotes tag decoded (tmi.js's parser.msg, then parser.emotes,
// badgeInfo and badges and utils.unescapeIRC on each string value, as tmi.js's client does for every message).
// Usage: node irc_peer_tmi.js FILE (tmi.js found through NODE_PATH). Prints a checksum line, then one JSON line
// shaped like the harness's own result. Timing as the harness: warm up for >= 1 s (and 3 passes: V8 optimizes a hot
// function at once, where .NET waits for 30 calls), then time passes for >= 2 s and 5 passes and report the median.
'use strict';
const fs = require('fs');
const parser = require('tmi.js/lib/parser');
const utils = require('tmi.js/lib/utils');

const file = process.argv[2];
if (!file) {
	console.error('usage: node irc_peer_tmi.js FILE');
	process.exit(2);
}

const lines = fs.readFileSync(file, 'utf8').split('\n').map(line => line.replace(/\r$/, '')).filter(line => line.length > 0);
const bytes = lines.reduce((sum, line) => sum + Buffer.byteLength(line, 'utf8'), 0);

function parseAll() {
	let checksum = 0;
	for (const line of lines) {
		const message = parser.msg(line);
		if (message === null) {
			checksum += 1;
			continue;
		}

		const tags = parser.badges(parser.badgeInfo(parser.emotes(message.tags)));
		for (const key in tags) {
			const value = tags[key];
			if (typeof value === 'string') {
				checksum += utils.unescapeIRC(value).length;
			}
		}

		checksum += message.params.length;
	}

	return checksum;
}

const now = () => Number(process.hrtime.bigint()) / 1e9;
let warmUp = 0;
const warmUpStart = now();
while (now() - warmUpStart < 1 || warmUp < 3) {
	parseAll();
	warmUp++;
}

const passes = [];
let checksum = 0;
const timedStart = now();
while (now() - timedStart < 2 || passes.length < 5) {
	const start = now();
	checksum = parseAll();
	passes.push(now() - start);
}

passes.sort((a, b) => a - b);
const seconds = passes[Math.floor(passes.length / 2)];
console.log(`irc-tmi.js: ${warmUp} warm-up passes, median of ${passes.length} timed passes, checksum ${checksum}`);
console.log(JSON.stringify({
	what: 'irc-tmi.js',
	items: lines.length,
	seconds: seconds,
	items_per_s: lines.length / seconds,
	bytes_per_s: bytes / seconds,
	allocated_bytes: null,
}));
