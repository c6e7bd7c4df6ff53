// The generated code (FinanceAndOperations, CustomerV3, NoYes, ...) is added to this module at build time by the
// ODataGenerator build plugin, from odata-generator-config.yaml beside this file.
