// The ODataGenerator build plugin adds the generated types to this module, rendered with the template overlay in
// Templates/ (see odata-generator-config.yaml).
