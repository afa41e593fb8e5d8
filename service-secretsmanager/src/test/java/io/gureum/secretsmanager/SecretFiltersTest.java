package io.gureum.secretsmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretFiltersTest {
    @Test
    void wordsBreakAtPunctuationDigitsAndCaseChanges() {
        // the example of manage_search-secret.html
        assertEquals(List.of("creds", "database", "892"), SecretFilters.words("credsDatabase#892"));
        assertEquals(List.of("my", "secret"), SecretFilters.words("My_Secret"));
        assertEquals(List.of("prod", "db", "2", "password"), SecretFilters.words("prod/db2-password"));
    }
}
