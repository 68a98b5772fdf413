<?php
// IMP's one IMAP server for the end-to-end test: the run's dovecot (Debian's default entry off).
$servers['imap']['disabled'] = true;
$servers['zorgvuldig'] = array(
    'disabled' => false,
    'name' => 'zorgvuldig e2e',
    'hostspec' => '127.0.0.1',
    'hordeauth' => false,
    'protocol' => 'imap',
    'port' => @IMAP_PORT@,
    'secure' => false,
    'maildomain' => 'samenveilig.nl',
    'cache' => false,
);
