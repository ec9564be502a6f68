// Fuzzer (or, in a plain build, replayer) of one parser: see FuzzSupport and scripts/fuzz.sh.
import FuzzSupport

runFuzzer { data, size in
    ParserProbe.geoJSON.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}
