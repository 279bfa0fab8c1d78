// HeapOwners HPROF HISTOGRAM: who owns the objects of a heap dump, by class, as tab-separated lines
// "owner<TAB>class<TAB>instances<TAB>bytes" on stdout. Run with `java HeapOwners.java` (JDK 17).
//
// An object of a class outside the JDK (not java.*, javax.*, jdk.*, sun.*, com.sun.*, nor an array
// of such) is owned by its own class's package group (io.jakartio, Tomcat, Weld, ...). An object of
// a JDK class (a HashMap node, an Object[], a String, a lambda's captured array...) is owned by the
// owner of one object that references it: a referrer of a class outside the JDK if there is one,
// else any referrer, followed up until a class outside the JDK. So the entries, tables and strings
// of a map a Jakartio object holds are Jakartio's; those of a Tomcat map, Tomcat's. A class object
// is owned by the class it defines (its statics are that class's). Objects only the JVM's roots
// reference are "JDK".
//
// Sizes are shallow sizes as the JVM counts them (a 64-bit JVM with compressed references):
// instances take the per-instance size of their class from a `jcmd PID GC.class_histogram` taken
// just before the dump (HISTOGRAM); arrays are 16 bytes of header plus their elements (4 bytes per
// reference), rounded up to 8. io.jakartio.bench (the benchmark's handlers) is "app", not Jakartio.
// With HEAP_OWNERS_REFERRERS=CLASS, prints to stderr how many objects of CLASS each
// "owner <- referrer's class" has (to see which field holds them).
import java.io.*;
import java.nio.file.*;
import java.util.*;
import java.util.regex.*;

public class HeapOwners {
  static int idSize;
  static final Map<Long, String> strings = new HashMap<>();
  static final Map<Long, String> classNames = new HashMap<>();      // class object id -> name
  static final Map<Long, Long> superOf = new HashMap<>();
  static final Map<Long, byte[]> fieldTypes = new HashMap<>();      // class id -> instance field types
  static final Map<Long, long[]> staticRefs = new HashMap<>();
  // objects: parallel lists
  static long[] ids = new long[1 << 20];
  static String[] cls = new String[1 << 20];
  static long[] size = new long[1 << 20];
  static long[][] refs = new long[1 << 20][];
  static int n;
  static final Map<Long, Long> instanceClass = new HashMap<>();
  static final List<byte[]> pendingFields = new ArrayList<>();
  static final List<Integer> pendingIndex = new ArrayList<>();
  static final List<Long> pendingClass = new ArrayList<>();

  public static void main(String[] args) throws IOException {
    Map<String, Double> perInstance = histogramSizes(Path.of(args[1]));
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(args[0]), 1 << 20))) {
      while (in.readByte() != 0) { }
      idSize = in.readInt();
      in.readLong();
      while (true) {
        int tag;
        try { tag = in.readUnsignedByte(); } catch (EOFException e) { break; }
        in.readInt();
        long length = in.readInt() & 0xffffffffL;
        if (tag == 0x01) {
          long id = id(in);
          byte[] b = new byte[(int) (length - idSize)];
          in.readFully(b);
          strings.put(id, new String(b, "UTF-8"));
        } else if (tag == 0x02) {
          in.readInt();
          long classId = id(in);
          in.readInt();
          classNames.put(classId, strings.get(id(in)).replace('/', '.'));
        } else if (tag == 0x0C || tag == 0x1C) {
          heapDump(in, length);
        } else {
          in.skipNBytes(length);
        }
      }
    }
    // instances: now that every class is known, read their reference fields
    for (int k = 0; k < pendingFields.size(); k++) {
      int i = pendingIndex.get(k);
      long classId = pendingClass.get(k);
      cls[i] = classNames.getOrDefault(classId, "?");
      Double s = perInstance.get(cls[i]);
      size[i] = s == null ? 16 : Math.round(s);
      refs[i] = instanceRefs(classId, pendingFields.get(k));
    }
    pendingFields.clear();
    for (int i = 0; i < n; i++) {
      if (cls[i] != null && cls[i].startsWith("@")) {
        String e = classNames.getOrDefault(Long.parseLong(cls[i].substring(1)), "?");
        cls[i] = e.startsWith("[") ? e : "[L" + e + ";";
      }
    }
    boolean[] classObject = new boolean[n + pendingClassObjects.size()];
    for (Object[] c : pendingClassObjects) {
      int i = add((Long) c[0], classNames.getOrDefault((Long) c[0], "?"), 0, (long[]) c[1]);
      classObject[i] = true;
    }
    Map<Long, Integer> index = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) index.put(ids[i], i);
    int[] referrer = new int[n];
    Arrays.fill(referrer, -1);
    for (int i = 0; i < n; i++) {
      if (refs[i] == null) continue;
      boolean outside = !jdk(cls[i]);
      for (long r : refs[i]) {
        Integer t = index.get(r);
        if (t == null || t == i) continue;
        if (referrer[t] < 0 || (outside && jdk(cls[referrer[t]]))) referrer[t] = i;
      }
    }
    Map<String, long[]> table = new TreeMap<>();
    String referrersOf = System.getenv("HEAP_OWNERS_REFERRERS"); // a class: its objects' referrers, on stderr
    Map<String, Integer> referrers = new TreeMap<>();
    String[] owner = new String[n];
    for (int i = 0; i < n; i++) {
      int o = i;
      List<Integer> path = new ArrayList<>();
      String found = null;
      for (int steps = 0; steps < 100000; steps++) {
        if (owner[o] != null) { found = owner[o]; break; }
        path.add(o);
        if (!jdk(cls[o])) { found = group(cls[o]); break; }
        if (referrer[o] < 0 || path.size() > 50000) { found = "JDK"; break; }
        o = referrer[o];
        if (path.contains(o) && path.size() < 64) { found = "JDK"; break; }
      }
      if (found == null) found = "JDK";
      for (int p : path) owner[p] = found;
      if (classObject[i]) continue;
      if (referrersOf != null && cls[i].equals(referrersOf) && referrer[i] >= 0) {
        referrers.merge(found + " <- " + cls[referrer[i]], 1, Integer::sum);
      }
      long[] row = table.computeIfAbsent(found + "\t" + cls[i], x -> new long[2]);
      row[0]++;
      row[1] += size[i];
    }
    referrers.forEach((k, v) -> System.err.println(v + "\t" + k));
    PrintStream out = new PrintStream(new BufferedOutputStream(System.out), false, "UTF-8");
    table.forEach((k, v) -> out.println(k + "\t" + v[0] + "\t" + v[1]));
    out.flush();
  }

  static Map<String, Double> histogramSizes(Path file) throws IOException {
    Map<String, Double> sizes = new HashMap<>();
    Pattern line = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    for (String l : Files.readAllLines(file)) {
      Matcher m = line.matcher(l);
      if (m.find()) sizes.put(normal(m.group(3)), Double.parseDouble(m.group(2)) / Double.parseDouble(m.group(1)));
    }
    return sizes;
  }

  /** A lambda's or hidden class's name without its address suffix. */
  static String normal(String name) {
    int slash = name.indexOf('/');
    return slash < 0 ? name : name.substring(0, slash);
  }

  static boolean jdk(String c) {
    String e = c.replaceFirst("^\\[+L?", "");
    if (c.startsWith("[") && !c.startsWith("[L") && !c.startsWith("[[")) return true; // primitive arrays
    return e.startsWith("java.") || e.startsWith("javax.") || e.startsWith("jdk.") || e.startsWith("sun.")
        || e.startsWith("com.sun.") || e.equals("?");
  }

  static String group(String c) {
    String e = c.replaceFirst("^\\[+L?", "");
    if (e.startsWith("io.jakartio.bench.")) return "app";
    if (e.startsWith("io.jakartio.")) return "jakartio";
    if (e.startsWith("org.apache.tomcat.") || e.startsWith("org.apache.catalina.") || e.startsWith("org.apache.coyote.")
        || e.startsWith("org.apache.naming.") || e.startsWith("org.apache.juli.")) return "tomcat";
    if (e.startsWith("org.jboss.weld.")) return "weld";
    if (e.startsWith("org.eclipse.yasson.") || e.startsWith("org.eclipse.parsson.")) return "json";
    return "other";
  }

  static long id(DataInputStream in) throws IOException {
    return idSize == 4 ? in.readInt() & 0xffffffffL : in.readLong();
  }

  static int add(long id, String name, long bytes, long[] r) {
    if (n == ids.length) {
      int m = n * 2;
      ids = Arrays.copyOf(ids, m); cls = Arrays.copyOf(cls, m); size = Arrays.copyOf(size, m); refs = Arrays.copyOf(refs, m);
    }
    ids[n] = id; cls[n] = name; size[n] = bytes; refs[n] = r;
    return n++;
  }

  static int typeSize(int t) {
    switch (t) {
      case 2: return idSize; case 4: case 8: return 1; case 5: case 9: return 2;
      case 6: case 10: return 4; case 7: case 11: return 8; default: throw new IllegalStateException("type " + t);
    }
  }

  static int heapSize(int t) { return t == 2 ? 4 : typeSize(t); }

  static final String[] PRIM = {null, null, null, null, "[Z", "[C", "[F", "[D", "[B", "[S", "[I", "[J"};

  static long align(long b) { return (b + 7) & ~7L; }

  static void heapDump(DataInputStream in, long length) throws IOException {
    long end = length;
    long read = 0;
    while (read < end) {
      int sub = in.readUnsignedByte();
      read += 1;
      switch (sub) {
        case 0xFF: id(in); read += idSize; break;
        case 0x01: id(in); id(in); read += 2L * idSize; break;
        case 0x02: case 0x03: id(in); in.readInt(); in.readInt(); read += idSize + 8; break;
        case 0x04: id(in); in.readInt(); read += idSize + 4; break;
        case 0x05: case 0x07: id(in); read += idSize; break;
        case 0x06: id(in); in.readInt(); read += idSize + 4; break;
        case 0x08: id(in); in.readInt(); in.readInt(); read += idSize + 8; break;
        case 0x20: {
          long classId = id(in);
          in.readInt();
          long superId = id(in);
          for (int k = 0; k < 5; k++) id(in);
          in.readInt();
          read += 7L * idSize + 8;
          int cp = in.readUnsignedShort(); read += 2;
          for (int k = 0; k < cp; k++) { in.readUnsignedShort(); int t = in.readUnsignedByte(); in.skipNBytes(typeSize(t)); read += 3 + typeSize(t); }
          int statics = in.readUnsignedShort(); read += 2;
          List<Long> sr = new ArrayList<>();
          for (int k = 0; k < statics; k++) {
            id(in); int t = in.readUnsignedByte(); read += idSize + 1;
            if (t == 2) { long v = id(in); if (v != 0) sr.add(v); } else in.skipNBytes(typeSize(t));
            read += typeSize(t);
          }
          int fields = in.readUnsignedShort(); read += 2;
          byte[] types = new byte[fields];
          for (int k = 0; k < fields; k++) { id(in); types[k] = in.readByte(); read += idSize + 1; }
          superOf.put(classId, superId);
          fieldTypes.put(classId, types);
          long[] r = sr.stream().mapToLong(Long::longValue).toArray();
          pendingClassObjects.add(new Object[] {classId, r});
          break;
        }
        case 0x21: {
          long id = id(in); in.readInt(); long classId = id(in); int len = in.readInt();
          byte[] b = new byte[len]; in.readFully(b);
          read += 2L * idSize + 8 + len;
          int i = add(id, null, 0, null);
          pendingIndex.add(i); pendingClass.add(classId); pendingFields.add(b);
          break;
        }
        case 0x22: {
          long id = id(in); in.readInt(); int count = in.readInt(); long elemClass = id(in);
          long[] r = new long[count];
          int k2 = 0;
          for (int k = 0; k < count; k++) { long v = id(in); if (v != 0) r[k2++] = v; }
          read += 2L * idSize + 8 + (long) count * idSize;
          add(id, "@" + elemClass, align(16 + 4L * count), Arrays.copyOf(r, k2));
          break;
        }
        case 0x23: {
          long id = id(in); in.readInt(); int count = in.readInt(); int t = in.readUnsignedByte();
          in.skipNBytes((long) count * typeSize(t));
          read += idSize + 9 + (long) count * typeSize(t);
          add(id, PRIM[t], align(16 + (long) count * heapSize(t)), null);
          break;
        }
        default: throw new IllegalStateException("heap dump sub-record " + sub);
      }
    }
    // class objects and object arrays' names, once their classes are known (done lazily below)
  }

  static final List<Object[]> pendingClassObjects = new ArrayList<>();

  static long[] instanceRefs(long classId, byte[] b) {
    List<Long> r = new ArrayList<>();
    int pos = 0;
    for (long c = classId; c != 0 && fieldTypes.containsKey(c); c = superOf.getOrDefault(c, 0L)) {
      for (byte t : fieldTypes.get(c)) {
        if (t == 2) {
          long v = 0;
          for (int k = 0; k < idSize; k++) v = (v << 8) | (b[pos + k] & 0xff);
          if (v != 0) r.add(v);
        }
        pos += typeSize(t);
      }
    }
    return r.stream().mapToLong(Long::longValue).toArray();
  }
}
