package io.gureum.dynamodb;

import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The tables of one account in one region. One read-write lock guards all of them: a write (or a
 * transaction across tables) holds the write lock, so no reader ever sees half of it.
 */
final class Database {
    final String account;
    final String region;
    final TreeMap<String, Table> tables = new TreeMap<>();
    /** On-demand and system backups by ARN, oldest first; guarded by the lock. */
    final java.util.Map<String, Backup> backups = new java.util.LinkedHashMap<>();
    /** ExportTableToPointInTime's exports and ImportTable's imports by ARN, oldest first; guarded by the lock. */
    final java.util.Map<String, Export> exports = new java.util.LinkedHashMap<>();
    final java.util.Map<String, Import> imports = new java.util.LinkedHashMap<>();
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    final DynamoRecords records;
    /** Each table's settings as last recorded ({@link DynamoRecords#syncTables}); guarded by the write lock. */
    final java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> recorded = new java.util.HashMap<>();
    /** The backups as last recorded; guarded by the write lock. */
    final java.util.Set<String> recordedBackups = new java.util.HashSet<>();

    Database(String account, String region, DynamoRecords records) {
        this.account = account;
        this.region = region;
        this.records = records;
    }

    /** The current table with this ID (a table deleted and created again has a new one), or null. */
    Table tableWithId(String id) {
        return tables.values().stream().filter(t -> t.id.equals(id)).findFirst().orElse(null);
    }

    <T> T read(java.util.function.Supplier<T> body) {
        lock.readLock().lock();
        try {
            return body.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    <T> T write(java.util.function.Supplier<T> body) {
        lock.writeLock().lock();
        try {
            return body.get();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
