#!/usr/bin/env python3
"""Prints the tests a `swift test` log shows started but never finished (passed, failed or skipped).

.ci/run calls it when `swift test` outlives its time limit, so a hang names its test instead of only
running CI out of time. Reads Swift Testing's lines (`◇ Test "x" started.`, `✔ … passed`, `✘ … failed`,
`➜ … skipped`) and XCTest's (`Test Case 'x' started` / `passed` / `failed` / `skipped`). Display names can
repeat across suites, so starts and ends are counted per name.

Usage: scripts/unfinished-tests.py LOG
"""
import re
import sys
from collections import Counter

SWIFT_TESTING_START = re.compile(r'^◇ Test (.+?) started\.$')
# A parameterized test ends as `Test "x" with 5 test cases passed`, the run as `Test run with 716 tests in 176 suites
# passed`; its cases start one by one (`Test case passing … started.`) and never end on their own line.
SWIFT_TESTING_END = re.compile(
    r'^[✔✘➜] Test (.+?)(?: with \d+ tests?(?: cases?)?(?: in \d+ suites?)?)?'
    r' (?:(?:passed|failed) after [0-9.]+ seconds|skipped[.:])')
XCTEST = re.compile(r"^Test Case '(.+?)' (started|passed|failed|skipped)")


def unfinished(lines):
    started, ended = Counter(), Counter()
    order = []
    for line in lines:
        line = line.rstrip('\n')
        if m := SWIFT_TESTING_START.match(line):
            if m.group(1).startswith('case passing '):
                continue
            started[m.group(1)] += 1
            order.append(m.group(1))
        elif m := SWIFT_TESTING_END.match(line):
            ended[m.group(1)] += 1
        elif m := XCTEST.match(line):
            name, what = m.groups()
            if what == 'started':
                started[name] += 1
                order.append(name)
            else:
                ended[name] += 1
    seen = set()
    for name in order:
        if name not in seen and started[name] > ended[name]:
            seen.add(name)
            yield name


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding='utf-8', errors='replace') as log:
        names = list(unfinished(log))
    if names:
        print(f'{len(names)} test(s) started and never finished:')
        for name in names:
            print(f'  {name}')
    else:
        print('every test that started finished (the hang is outside a test: start-up or teardown)')
    return 0


if __name__ == '__main__':
    sys.exit(main())
