package event

import (
	"strings"

	"github.com/dyad-project/dyad/data/models"
)

// DefaultModel reads the embedded coder model (data/models/coder.bin.gz,
// made by `dyad train coder`; its command is in data/models/SOURCE.md).
func DefaultModel() (*Model, error) { return ReadModel(strings.NewReader(models.Coder)) }
