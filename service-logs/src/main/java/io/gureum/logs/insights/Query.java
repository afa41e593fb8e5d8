package io.gureum.logs.insights;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * A parsed query: its commands, run in order over records. Without {@code sort}, records come newest first.
 * The result's fields are those of the last {@code display}, else of the last {@code stats}, else those the
 * {@code fields} commands name, else every field of the record; each record row also has {@code @ptr}.
 */
public final class Query {
    private final List<Command> commands;

    Query(List<Command> commands) {
        this.commands = List.copyOf(commands);
    }

    /** One row of a result: field names and their texts, in order (fields a record lacks are left out). */
    public record Row(Map<String, String> fields) {
    }

    /** @param matched the records that passed the query's filters (before {@code limit} and {@code stats}) */
    public record Result(List<Row> rows, long matched) {
    }

    public Result run(List<LogRecord> records, int limit) {
        return run(records, limit, Map.of());
    }

    /**
     * @param indexedFields the fields each log group ({@code @log}) has a field index on, for {@code filterIndex}:
     *     it reads only the groups indexed on its field
     */
    public Result run(List<LogRecord> records, int limit, Map<String, java.util.Set<String>> indexedFields) {
        List<Map<String, Object>> rows = new ArrayList<>(records.size());
        Map<Map<String, Object>, String> pointers = new java.util.IdentityHashMap<>();
        List<LogRecord> newestFirst = new ArrayList<>(records);
        newestFirst.sort(Comparator.comparingLong(LogRecord::timestamp).reversed());
        for (LogRecord r : newestFirst) {
            Map<String, Object> row = Discovery.fields(r);
            pointers.put(row, r.ptr());
            rows.add(row);
        }
        Set<String> named = new LinkedHashSet<>();
        List<String> display = null;
        List<String> statsColumns = null;
        long matched = -1;
        for (Command c : commands) {
            if (c instanceof Command.Fields f) {
                for (Map<String, Object> row : rows) {
                    Map<String, Object> computed = new LinkedHashMap<>();
                    for (Command.Projection p : f.fields()) {
                        computed.put(p.name(), p.expr().eval(row));
                    }
                    computed.forEach((k, v) -> put(row, k, v));
                }
                f.fields().forEach(p -> named.add(p.name()));
            } else if (c instanceof Command.Filter f) {
                rows.removeIf(row -> !Values.truthy(f.condition().eval(row)));
            } else if (c instanceof Command.FilterIndex f) {
                rows.removeIf(row -> !indexedFields.getOrDefault(Values.text(row.get("@log")), java.util.Set.of())
                        .contains(f.field()) || !Values.truthy(f.condition().eval(row)));
            } else if (c instanceof Command.Parse p) {
                rows.forEach(row -> parse(p, row));
            } else if (c instanceof Command.Stats s) {
                if (matched < 0) {
                    matched = rows.size();
                }
                rows = stats(s, rows);
                statsColumns = new ArrayList<>();
                for (Command.Projection g : s.groups()) {
                    statsColumns.add(g.name());
                }
                for (Aggregates.Aggregation a : s.aggregations()) {
                    statsColumns.add(a.name());
                }
            } else if (c instanceof Command.Sort s) {
                rows.sort(comparator(s));
            } else if (c instanceof Command.Limit l) {
                if (matched < 0 && statsColumns == null) {
                    matched = rows.size();
                }
                if (rows.size() > l.count()) {
                    rows = new ArrayList<>(rows.subList(0, l.count()));
                }
            } else if (c instanceof Command.Dedup d) {
                Set<List<String>> seen = new HashSet<>();
                rows.removeIf(row -> {
                    List<String> key = new ArrayList<>();
                    for (String f : d.fields()) {
                        Object v = row.get(f);
                        if (v == null) {
                            return false;
                        }
                        key.add(Values.text(v));
                    }
                    return !seen.add(key);
                });
            } else if (c instanceof Command.Display d) {
                display = d.fields();
            }
        }
        if (matched < 0) {
            matched = rows.size();
        }
        List<Row> out = new ArrayList<>();
        for (Map<String, Object> row : rows.subList(0, Math.min(limit, rows.size()))) {
            Iterable<String> columns = display != null ? display
                    : statsColumns != null ? statsColumns : named.isEmpty() ? row.keySet() : named;
            Map<String, String> fields = new LinkedHashMap<>();
            for (String name : columns) {
                Object v = row.get(name);
                if (v != null) {
                    fields.put(name, Values.text(v));
                }
            }
            String ptr = pointers.get(row);
            if (ptr != null) {
                fields.put("@ptr", ptr);
            }
            out.add(new Row(fields));
        }
        return new Result(out, matched);
    }

    private static void put(Map<String, Object> row, String name, Object value) {
        if (value == null) {
            row.remove(name);
        } else {
            row.put(name, value);
        }
    }

    private static void parse(Command.Parse p, Map<String, Object> row) {
        Object source = p.source().eval(row);
        if (source == null) {
            return;
        }
        Matcher m = p.regex().matcher(Values.text(source));
        if (!m.find()) {
            return;
        }
        for (int k = 0; k < p.names().size(); k++) {
            put(row, p.names().get(k), m.group(p.groups().get(k)));
        }
    }

    private static List<Map<String, Object>> stats(Command.Stats s, List<Map<String, Object>> rows) {
        Map<List<String>, Map<String, Object>> keys = new LinkedHashMap<>();
        Map<List<String>, List<Aggregates.Accumulator>> groups = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            List<String> key = new ArrayList<>();
            Map<String, Object> values = new LinkedHashMap<>();
            for (Command.Projection g : s.groups()) {
                Object v = g.expr().eval(row);
                key.add(v == null ? null : Values.text(v));
                values.put(g.name(), v);
            }
            keys.putIfAbsent(key, values);
            List<Aggregates.Accumulator> acc = groups.computeIfAbsent(key, k -> {
                List<Aggregates.Accumulator> fresh = new ArrayList<>();
                s.aggregations().forEach(a -> fresh.add(a.start()));
                return fresh;
            });
            acc.forEach(a -> a.add(row));
        }
        if (groups.isEmpty() && s.groups().isEmpty()) {
            List<Aggregates.Accumulator> fresh = new ArrayList<>();
            s.aggregations().forEach(a -> fresh.add(a.start()));
            groups.put(List.of(), fresh);
            keys.put(List.of(), new LinkedHashMap<>());
        }
        List<Map<String, Object>> out = new ArrayList<>();
        groups.forEach((key, acc) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            keys.get(key).forEach((k, v) -> put(row, k, v));
            for (int k = 0; k < acc.size(); k++) {
                put(row, s.aggregations().get(k).name(), acc.get(k).result());
            }
            out.add(row);
        });
        return out;
    }

    /** A column named as the expression is written ({@code sort bin(5m)} after {@code stats … by bin(5m)}), else its value. */
    private static Object value(Expr e, Map<String, Object> row) {
        Object named = row.get(e.text());
        return named != null ? named : e.eval(row);
    }

    /** Absent values sort last in either direction. */
    private static Comparator<Map<String, Object>> comparator(Command.Sort s) {
        return (a, b) -> {
            for (Command.SortKey k : s.keys()) {
                Object x = value(k.expr(), a);
                Object y = value(k.expr(), b);
                if (x == null || y == null) {
                    if (x != y) {
                        return x == null ? 1 : -1;
                    }
                    continue;
                }
                int c = Values.compare(x, y);
                if (c != 0) {
                    return k.descending() ? -c : c;
                }
            }
            return 0;
        };
    }
}
