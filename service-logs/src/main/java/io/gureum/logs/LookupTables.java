package io.gureum.logs;

import io.gureum.core.ids.Arn;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLookupTableRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLookupTableResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLookupTableRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLookupTableResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLookupTablesRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLookupTablesResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLookupTableRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLookupTableResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LookupTable;
import software.amazon.awssdk.services.cloudwatchlogs.model.UpdateLookupTableRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.UpdateLookupTableResponse;

/**
 * Lookup tables (API_CreateLookupTable.html): CSV content with a header row, unique by name in the account and
 * Region, ARN {@code arn:aws:logs:<region>:<account>:lookup-table:<name>}; described with their header fields,
 * data row count and size, in name order. Stored only: the Logs Insights {@code lookup} command is not run.
 */
final class LookupTables {
    record Table(String arn, String name, String description, String tableBody, String kmsKeyId, long lastUpdatedTime,
            TagSet tags) {
        List<String> fields() {
            String header = tableBody.lines().findFirst().orElse("");
            List<String> out = new ArrayList<>();
            for (String f : header.split(",", -1)) {
                out.add(f.strip().replaceAll("^\"|\"$", ""));
            }
            return out;
        }

        long records() {
            return Math.max(0, tableBody.lines().filter(l -> !l.isBlank()).count() - 1);
        }

        long size() {
            return tableBody.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    private final LogsStores stores;

    LookupTables(LogsStores stores) {
        this.stores = stores;
    }

    public CreateLookupTableResponse createLookupTable(CreateLookupTableRequest request) {
        LogsStore store = stores.current();
        checkBody(request.tableBody());
        String name = request.lookupTableName();
        long now = stores.now();
        Table t = new Table(Arn.of("logs", store.region, store.account, "lookup-table:" + name).toString(), name,
                request.description(), request.tableBody(), request.kmsKeyId(), now,
                new TagSet(request.hasTags() ? request.tags() : Map.of()));
        if (store.lookupTables.putIfAbsent(name, t) != null) {
            throw LogsErrors.alreadyExists("The specified lookup table already exists.");
        }
        return CreateLookupTableResponse.builder().lookupTableArn(t.arn()).createdAt(now).build();
    }

    /** "The first row must be a header row with column names." */
    private static void checkBody(String body) {
        if (body == null || body.lines().findFirst().orElse("").isBlank()) {
            throw LogsErrors.invalidParameter("The table body must start with a header row of column names.");
        }
    }

    public GetLookupTableResponse getLookupTable(GetLookupTableRequest request) {
        Table t = find(request.lookupTableArn());
        return GetLookupTableResponse.builder().lookupTableArn(t.arn()).lookupTableName(t.name())
                .description(t.description()).tableBody(t.tableBody()).sizeBytes(t.size())
                .lastUpdatedTime(t.lastUpdatedTime()).kmsKeyId(t.kmsKeyId()).build();
    }

    /** A full replacement of the content; an empty {@code kmsKeyId} removes the key. */
    public UpdateLookupTableResponse updateLookupTable(UpdateLookupTableRequest request) {
        Table t = find(request.lookupTableArn());
        checkBody(request.tableBody());
        long now = stores.now();
        String key = request.kmsKeyId() == null ? t.kmsKeyId() : request.kmsKeyId().isEmpty() ? null : request.kmsKeyId();
        stores.current().lookupTables.put(t.name(), new Table(t.arn(), t.name(),
                request.description() != null ? request.description() : t.description(), request.tableBody(), key, now,
                t.tags()));
        return UpdateLookupTableResponse.builder().lookupTableArn(t.arn()).lastUpdatedTime(now).build();
    }

    public DescribeLookupTablesResponse describeLookupTables(DescribeLookupTablesRequest request) {
        LogsStore store = stores.current();
        String prefix = request.lookupTableNamePrefix();
        int limit = request.maxResults() == null ? 50 : request.maxResults();
        String after = PageTokens.decode("lookupTables", request.nextToken());
        List<LookupTable> page = new ArrayList<>();
        String last = null;
        boolean more = false;
        for (Table t : (after == null ? store.lookupTables : store.lookupTables.tailMap(after, false)).values()) {
            if (prefix != null && !t.name().startsWith(prefix)) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(LookupTable.builder().lookupTableArn(t.arn()).lookupTableName(t.name())
                    .description(t.description()).tableFields(t.fields()).recordsCount(t.records()).sizeBytes(t.size())
                    .lastUpdatedTime(t.lastUpdatedTime()).kmsKeyId(t.kmsKeyId()).build());
            last = t.name();
        }
        return DescribeLookupTablesResponse.builder().lookupTables(page)
                .nextToken(more ? PageTokens.encode("lookupTables", last) : null).build();
    }

    public DeleteLookupTableResponse deleteLookupTable(DeleteLookupTableRequest request) {
        stores.current().lookupTables.remove(find(request.lookupTableArn()).name());
        return DeleteLookupTableResponse.builder().build();
    }

    private Table find(String arn) {
        LogsStore store = stores.current();
        for (Table t : store.lookupTables.values()) {
            if (t.arn().equals(arn)) {
                return t;
            }
        }
        throw LogsErrors.notFound("The specified lookup table does not exist.");
    }
}
