"""The domain: vocabulary, validation and the journal every device writes."""
