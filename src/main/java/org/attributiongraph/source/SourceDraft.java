package org.attributiongraph.source;

import java.time.LocalDate;

/** A source as the record takes it, whoever writes it (an editor's mutation, a dataset file). */
public record SourceDraft(String publisher, String title, String url, LocalDate publishedOn) {
}
