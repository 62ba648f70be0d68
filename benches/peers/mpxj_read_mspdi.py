"""Times MPXJ reading an MSPDI file (UniversalProjectReader, JVM started once; the
first read includes JIT warm-up): `python mpxj_read_mspdi.py FILE [ROUNDS]`.
Prints first and best read seconds and the task count."""
import sys
import time

import jpype
import mpxj  # noqa: F401  (adds the MPXJ jars to the class path)

jpype.startJVM("-Xmx8g", convertStrings=True)
from org.mpxj.reader import UniversalProjectReader  # noqa: E402

path = sys.argv[1]
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
times = []
n = 0
for _ in range(rounds):
    t = time.perf_counter()
    f = UniversalProjectReader().read(path)
    times.append(time.perf_counter() - t)
    n = f.getTasks().size()
print(f"{path}: {n} tasks, first {times[0]:.3f} s, best {min(times):.3f} s")
