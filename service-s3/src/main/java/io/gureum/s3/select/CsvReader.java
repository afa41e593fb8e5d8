package io.gureum.s3.select;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** One CSV record at a time: quoted fields (doubled quotes inside), the field delimiter, comment lines skipped. */
final class CsvReader {
    private CsvReader() {
    }

    static List<String> record(BufferedReader in, SelectFormat f) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                return null;
            }
        } while (line.isEmpty() || f.comments() != null && !f.comments().isEmpty() && line.startsWith(f.comments()));
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (true) {
            if (i >= line.length()) {
                if (quoted) { // a quoted field spans lines
                    String more = in.readLine();
                    if (more == null) {
                        break;
                    }
                    field.append('\n');
                    line = more;
                    i = 0;
                    continue;
                }
                break;
            }
            char c = line.charAt(i++);
            if (quoted) {
                if (c == f.quote()) {
                    if (i < line.length() && line.charAt(i) == f.quote()) {
                        field.append(c);
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == f.quote() && field.isEmpty()) {
                quoted = true;
            } else if (c == f.fieldDelimiter()) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
